//! `#[command(Permission)]`: one of the window's commands, declared once.
//!
//! A command is written as the plain function it is — the store (or the
//! app's state) first, then what the window sends — with the permission it
//! needs in the attribute:
//!
//! ```ignore
//! /// 配件卡片: the part and its latest movements.
//! #[command(Read)]
//! fn part_card(s: &mut Store, id: i64) -> AppResult<PartCard> { … }
//!
//! #[command(Parts)]
//! fn movement_post(s: &mut Store, #[arg("出入库单")] input: MovementInput) -> AppResult<Movement> { … }
//! ```
//!
//! and the attribute makes everything else from that one declaration:
//! - the Tauri command (`async`, on the blocking pool), which checks the
//!   permission inside the blocking closure, against the store's actor,
//!   before anything else (`AppState::with_store`);
//! - an `#[arg("…")]` argument arrives as JSON and is parsed there, so a
//!   wrong or unknown field is refused with the Chinese name of what was
//!   sent (`commands::parse_arg`); `#[arg("…", partial)]` says the window
//!   may leave any of its fields out (a query: the contract test holds the
//!   type to it, and the call takes a `Partial<…>`);
//! - its entry in the registry the window's calls are dispatched from
//!   (`commands::Command`, collected by `inventory`): name, permission,
//!   handler;
//! - (tests) its TypeScript signature, from which `ui/src/api/commands.ts`
//!   — the window's call wrappers — is generated with the types of
//!   `ui/src/api/contract.ts` (`contract.rs`).
//!
//! `#[command(open)]` is a command that works before a shop is open or
//! anyone has signed in (start-up, sign-in): its first argument is the app's
//! state (`st: &AppState`, or `&Arc<AppState>`) instead of the store; a
//! command with a permission may take the app's state after the store. A
//! `tauri::AppHandle` argument is passed through (the window does not send
//! it).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{parse_macro_input, FnArg, GenericArgument, Ident, ItemFn, LitStr, Pat, PathArguments, ReturnType, Type};

#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    let need = parse_macro_input!(attr as Ident);
    let f = parse_macro_input!(item as ItemFn);
    match expand(need, f) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// How an argument reaches the function.
enum Arg {
    /// sent by the window as it is (a number, a text, an id or null)
    Plain { name: Ident, ty: Type },
    /// sent as JSON and parsed here into `ty`; `label` names it in errors
    Parsed {
        name: Ident,
        ty: Type,
        label: LitStr,
        mutable: bool,
        /// every field may be left out (a query)
        partial: bool,
    },
    /// Tauri's handle to the app (events), not sent by the window
    App { name: Ident, ty: Type },
    /// the app's state beside the store (what the window keeps besides the
    /// shop's data), not sent by the window
    State { name: Ident, ty: Type },
}

fn expand(need: Ident, f: ItemFn) -> syn::Result<Tokens> {
    let open = need == "open";
    let name = f.sig.ident.clone();
    let command = name.to_string();
    if f.sig.asyncness.is_some() || !f.sig.generics.params.is_empty() {
        return Err(syn::Error::new(
            f.sig.span(),
            "a command is a plain fn (the attribute makes it async)",
        ));
    }
    let returns = answer_type(&f.sig.output)?;
    let output = &f.sig.output;

    let mut inputs = f.sig.inputs.iter();
    // the first argument: the store (a command with a permission) or the
    // app's state (an open command)
    let (first_pat, first_ty) = match inputs.next() {
        Some(FnArg::Typed(t)) => (t.pat.clone(), t.ty.clone()),
        _ => {
            return Err(syn::Error::new(
                f.sig.span(),
                "a command's first argument is `s: &mut Store` or `st: &AppState`",
            ))
        }
    };
    let on_state = is_app_state(&first_ty);
    if open != on_state {
        return Err(syn::Error::new(
            first_ty.span(),
            if open {
                "an open command takes the app's state first (`st: &AppState`)"
            } else {
                "a command with a permission takes the store first (`s: &mut Store`); `open` takes the app's state"
            },
        ));
    }

    let mut args = Vec::new();
    for input in inputs {
        let FnArg::Typed(t) = input else {
            return Err(syn::Error::new(input.span(), "no self in a command"));
        };
        let Pat::Ident(pi) = &*t.pat else {
            return Err(syn::Error::new(t.pat.span(), "a command's argument is a plain name"));
        };
        let name = pi.ident.clone();
        let mutable = pi.mutability.is_some();
        let ty = (*t.ty).clone();
        let mut label = None;
        let mut partial = false;
        for a in &t.attrs {
            if a.path().is_ident("arg") {
                let (l, p) = a.parse_args_with(|input: syn::parse::ParseStream| {
                    let label: LitStr = input.parse()?;
                    let mut partial = false;
                    if input.parse::<Option<syn::Token![,]>>()?.is_some() {
                        let word: Ident = input.parse()?;
                        if word != "partial" {
                            return Err(syn::Error::new(word.span(), "#[arg(\"…\", partial)]"));
                        }
                        partial = true;
                    }
                    Ok((label, partial))
                })?;
                label = Some(l);
                partial = p;
            } else {
                return Err(syn::Error::new(a.span(), "only #[arg(\"…\")] is known here"));
            }
        }
        args.push(match label {
            Some(label) => Arg::Parsed {
                name,
                ty,
                label,
                mutable,
                partial,
            },
            None if last_ident(&ty).is_some_and(|i| i == "AppHandle") => Arg::App { name, ty },
            None if !open && is_app_state(&ty) => Arg::State { name, ty },
            None => Arg::Plain { name, ty },
        });
    }

    // the Tauri command's own arguments: what the window sends, as JSON
    // where the function parses it
    let wire = args.iter().filter_map(|a| match a {
        Arg::Plain { name, ty } | Arg::App { name, ty } => Some(quote!(#name: #ty)),
        Arg::Parsed { name, .. } => Some(quote!(#name: ::serde_json::Value)),
        Arg::State { .. } => None,
    });
    let state = args.iter().filter_map(|a| match a {
        Arg::State { name, ty } => Some(quote!(let #name: #ty = __st;)),
        _ => None,
    });
    let parse = args.iter().filter_map(|a| match a {
        Arg::Parsed {
            name,
            ty,
            label,
            mutable,
            ..
        } => {
            let m = mutable.then(|| quote!(mut));
            Some(quote_spanned!(ty.span()=> let #m #name: #ty = crate::commands::parse_arg(#label, #name)?;))
        }
        _ => None,
    });
    let body = &f.block;
    let need = quote!(::moto4s_core::auth::Permission::#need);
    let permission = if open {
        quote!(::core::option::Option::None)
    } else {
        quote!(::core::option::Option::Some(#need))
    };
    let run = if open {
        quote! {
            crate::commands::blocking(__state, move |__st| #output {
                let #first_pat: #first_ty = __st;
                #(#parse)*
                #body
            })
        }
    } else {
        quote! {
            crate::commands::blocking(__state, move |__st| {
                __st.with_store(#need, move |__store| #output {
                    let #first_pat: #first_ty = __store;
                    #(#state)*
                    #(#parse)*
                    #body
                })
            })
        }
    };

    // the TypeScript signature: the window's names for the arguments
    // (Tauri's camelCase) with their types
    let ts_args = args.iter().filter_map(|a| {
        let (name, ty, of) = match a {
            Arg::Plain { name, ty } => (name, ty, quote!(name_of)),
            Arg::Parsed { name, ty, partial, .. } => {
                (name, ty, if *partial { quote!(partial_of) } else { quote!(name_of) })
            }
            Arg::App { .. } | Arg::State { .. } => return None,
        };
        let wire = camel(&name.to_string());
        Some(quote!((#wire, c.#of::<#ty>())))
    });
    let call = camel(&command);
    let doc = doc_text(&f.attrs);
    let attrs = &f.attrs;
    let vis = &f.vis;

    Ok(quote! {
        #(#attrs)*
        #[::tauri::command]
        #[allow(clippy::too_many_arguments)]
        #vis async fn #name(__state: crate::commands::Shared<'_>, #(#wire),*) #output {
            #run.await
        }

        ::inventory::submit! {
            crate::commands::Command {
                name: #command,
                permission: #permission,
                invoke: |invoke| crate::commands::dispatch(::tauri::generate_handler![#name], invoke),
                #[cfg(test)]
                signature: |c: &mut crate::contract::Collect| crate::contract::Signature {
                    call: #call,
                    doc: #doc,
                    args: ::std::vec![#(#ts_args),*],
                    returns: c.name_of::<#returns>(),
                },
            }
        }
    })
}

/// `T` of `AppResult<T>`.
fn answer_type(out: &ReturnType) -> syn::Result<Type> {
    if let ReturnType::Type(_, ty) = out {
        if let Type::Path(p) = &**ty {
            if let Some(seg) = p.path.segments.last() {
                if seg.ident == "AppResult" {
                    if let PathArguments::AngleBracketed(a) = &seg.arguments {
                        if let Some(GenericArgument::Type(t)) = a.args.first() {
                            return Ok(t.clone());
                        }
                    }
                }
            }
        }
    }
    Err(syn::Error::new(out.span(), "a command answers AppResult<T>"))
}

/// `&AppState`, or `&Arc<AppState>` for a command that hands the state on.
fn is_app_state(ty: &Type) -> bool {
    matches!(ty, Type::Reference(r) if quote!(#r).to_string().contains("AppState"))
}

fn last_ident(ty: &Type) -> Option<&Ident> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| &s.ident),
        _ => None,
    }
}

/// `staff_id` → `staffId`, as Tauri names a command's arguments.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for ch in snake.chars() {
        if ch == '_' {
            up = true;
        } else if up {
            out.extend(ch.to_uppercase());
            up = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The doc comment's lines, for the call wrapper's JSDoc.
fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &a.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s), ..
            }) = &nv.value
            {
                lines.push(s.value().trim().to_string());
            }
        }
    }
    lines.join("\n").trim().to_string()
}
