//! 车架号 (VIN) check, GB 16735: 17 characters, digits and capital letters
//! except I, O and Q, and the check digit in position 9.
//!
//! The check digit: each character is transliterated (A1 B2 C3 D4 E5 F6 G7
//! H8 J1 K2 L3 M4 N5 P7 R9 S2 T3 U4 V5 W6 X7 Y8 Z9; digits keep their
//! value), multiplied by its position's weight (8 7 6 5 4 3 2 10 0 9 8 7 6 5
//! 4 3 2), summed, and taken mod 11; 10 is written X.
//!
//! Also the 车牌号 as the searches keep it ([`plate_text`]).

const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The transliterated value of a VIN character, or None if it is not allowed.
fn value(c: char) -> Option<u32> {
    Some(match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A' | 'J' => 1,
        'B' | 'K' | 'S' => 2,
        'C' | 'L' | 'T' => 3,
        'D' | 'M' | 'U' => 4,
        'E' | 'N' | 'V' => 5,
        'F' | 'W' => 6,
        'G' | 'P' | 'X' => 7,
        'H' | 'Y' => 8,
        'R' | 'Z' => 9,
        _ => return None,
    })
}

/// The check digit (position 9) the other sixteen characters call for.
/// `vin` must be 17 allowed characters.
pub fn check_digit(vin: &str) -> char {
    let sum: u32 = vin.chars().zip(WEIGHTS).map(|(c, w)| value(c).unwrap_or(0) * w).sum();
    match sum % 11 {
        10 => 'X',
        d => char::from_digit(d, 10).expect("digit"),
    }
}

/// Normalises (trims, removes spaces, upper-cases) and checks a VIN. The
/// error says what is wrong, in the words a clerk copying it off a frame
/// would need.
pub fn check_vin(text: &str) -> Result<String, String> {
    let vin: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if vin.is_empty() {
        return Err("请填写车架号".into());
    }
    let n = vin.chars().count();
    if n != 17 {
        return Err(format!("车架号应为 17 位，「{vin}」是 {n} 位"));
    }
    for (i, c) in vin.chars().enumerate() {
        if matches!(c, 'I' | 'O' | 'Q') {
            return Err(format!(
                "车架号第 {} 位是「{c}」：车架号不使用字母 I、O、Q（可能是数字 1 或 0）",
                i + 1
            ));
        }
        if value(c).is_none() {
            return Err(format!("车架号第 {} 位「{c}」不是数字或大写字母", i + 1));
        }
    }
    let want = check_digit(&vin);
    let got = vin.chars().nth(8).expect("17 chars");
    if want != got {
        return Err(format!(
            "车架号校验位（第 9 位）应为「{want}」，现在是「{got}」：请逐位核对是否抄错"
        ));
    }
    Ok(vin)
}

/// A valid VIN from sixteen characters: the check digit is put in position
/// 9 (`body` is the 17 characters with anything in position 9). For the demo
/// shop and tests.
pub fn with_check_digit(body: &str) -> String {
    let mut chars: Vec<char> = body.chars().collect();
    chars[8] = '0';
    let d = check_digit(&chars.iter().collect::<String>());
    chars[8] = d;
    chars.into_iter().collect()
}

/// A plate, or part of one, as it is kept: upper case, without the spaces,
/// dots and dashes people write in it (the searches match on this).
pub fn plate_text(v: &str) -> String {
    v.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '.' | '-' | '•' | '．'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vins_pass_and_their_check_digit_is_computed() {
        // the textbook example (check digit X) and an all-ones VIN
        assert_eq!(check_vin("1M8GDM9AXKP042788").unwrap(), "1M8GDM9AXKP042788");
        assert_eq!(check_vin("11111111111111111").unwrap(), "11111111111111111");
        // typed in lower case with spaces: normalised
        assert_eq!(check_vin(" 1m8gdm9axkp 042788 ").unwrap(), "1M8GDM9AXKP042788");
        // a Chinese motorcycle-style VIN built with its check digit
        let v = with_check_digit("LALPCJ0A0K3012345");
        assert_eq!(check_vin(&v).unwrap(), v);
    }

    #[test]
    fn each_kind_of_mistake_gets_its_own_message() {
        assert_eq!(check_vin("").unwrap_err(), "请填写车架号");
        assert_eq!(
            check_vin("1M8GDM9AXKP04278").unwrap_err(),
            "车架号应为 17 位，「1M8GDM9AXKP04278」是 16 位"
        );
        assert!(check_vin("1M8GDM9AXKPO42788")
            .unwrap_err()
            .starts_with("车架号第 12 位是「O」"));
        assert!(check_vin("1M8GDM9AXKP04278*").unwrap_err().contains("第 17 位「*」"));
        assert_eq!(
            check_vin("1M8GDM9A1KP042788").unwrap_err(),
            "车架号校验位（第 9 位）应为「X」，现在是「1」：请逐位核对是否抄错"
        );
        // one digit copied wrong changes the check digit
        assert!(check_vin("1M8GDM9AXKP042789").unwrap_err().contains("校验位"));
    }
}
