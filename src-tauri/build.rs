fn main() {
    // generate_context! embeds ui/dist when this crate compiles; a rebuilt UI
    // alone would not recompile it, and the window would keep the old UI (or
    // none: "asset not found: index.html" after a build that caught the
    // folder being rewritten)
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
