//! 搜索: the helpers every search box's SQL uses — pinyin initials (the
//! search columns hold them, m4s_initials() fills them), the LIKE pattern
//! for typed initials, and escaping typed text for LIKE.

/// 拼音首字母 of a text, lower-case: `机油滤清器` → `jylqq`. Latin letters
/// and digits are kept as they are (lower-cased); other characters dropped.
pub fn pinyin_initials(text: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::with_capacity(text.len());
    for (ch, py) in text.chars().zip(text.to_pinyin()) {
        match py {
            Some(p) => out.push_str(p.first_letter()),
            None if ch.is_ascii_alphanumeric() => out.push(ch.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// A LIKE pattern that matches `query` as a subsequence of the initials
/// (`jlq` → `%j%l%q%`, which finds 机油滤清器 = jylqq). Only ASCII
/// letters and digits are kept, so no LIKE wildcard can come from the user.
pub fn initials_pattern(query: &str) -> Option<String> {
    let letters: Vec<char> = query
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.is_empty() {
        return None;
    }
    let mut p = String::from("%");
    for c in letters {
        p.push(c);
        p.push('%');
    }
    Some(p)
}

/// Escapes `%`, `_` and `\` for a LIKE … ESCAPE '\' pattern.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_real_part_names() {
        assert_eq!(pinyin_initials("机油滤清器"), "jylqq");
        assert_eq!(pinyin_initials("火花塞"), "hhs");
        assert_eq!(pinyin_initials("CG125 前刹车片"), "cg125qscp");
        assert_eq!(initials_pattern("JLQ").as_deref(), Some("%j%l%q%"));
        assert_eq!(initials_pattern("机滤"), None);
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
