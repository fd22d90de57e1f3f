//! Kubernetes resource quantities (`1Gi`, `500Mi`, `1.5G`, `2e3`), parsed and printed as
//! `k8s.io/apimachinery/pkg/api/resource` does: a quantity keeps the format it was written in
//! (binary, decimal or exponent) and prints in its canonical form (`1024Mi` -> `1Gi`,
//! `1.5Gi` -> `1536Mi`, `1000M` -> `1G`, `0.5` -> `500m`).

/// The message the API server gives for a quantity it cannot read.
pub const FORMAT_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// How a quantity is written, which decides its canonical form (`1Gi`, `1G`, `1e9`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// Powers of 1024 (`Ki`, `Mi`, `Gi`...).
    BinarySI,
    /// Powers of 1000 (`k`, `M`, `G`...), or no suffix.
    DecimalSI,
    /// `e` notation (`1e9`).
    DecimalExponent,
}

/// A quantity, in nano-units (exact for everything a storage request can hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    /// The value in nano-units (`1Gi` = 1 073 741 824 000 000 000).
    pub nano: i128,
    /// How it was written.
    pub format: Format,
}

const NANO: i128 = 1_000_000_000;

impl Quantity {
    /// Parses a quantity; `Err` holds the API server's message.
    pub fn parse(s: &str) -> Result<Quantity, String> {
        let s = s.trim();
        let b = s.as_bytes();
        let mut i = 0;
        let neg = match b.first() {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let num_start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let num = &s[num_start..i];
        let suffix = &s[i..];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(FORMAT_ERROR.into());
        }
        // the suffix must match [eEinumkKMGTP]*[-+]?[0-9]*
        let sb = suffix.as_bytes();
        let mut j = 0;
        while j < sb.len() && b"eEinumkKMGTP".contains(&sb[j]) {
            j += 1;
        }
        if j < sb.len() && (sb[j] == b'-' || sb[j] == b'+') {
            j += 1;
        }
        while j < sb.len() && sb[j].is_ascii_digit() {
            j += 1;
        }
        if j != sb.len() {
            return Err(FORMAT_ERROR.into());
        }
        let (int_part, frac_part) = num.split_once('.').unwrap_or((num, ""));
        // value * 10^9 as an integer, from the digits
        let digits = format!("{int_part}{frac_part}");
        let mut mantissa: i128 = 0;
        for c in digits.bytes() {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(c - b'0')))
                .ok_or_else(|| FORMAT_ERROR.to_string())?;
        }
        let frac_digits = frac_part.len() as i32;
        let (base10_exp, mult, format): (i32, i128, Format) = match suffix {
            "" => (0, 1, Format::DecimalSI),
            "n" => (-9, 1, Format::DecimalSI),
            "u" => (-6, 1, Format::DecimalSI),
            "m" => (-3, 1, Format::DecimalSI),
            "k" => (3, 1, Format::DecimalSI),
            "M" => (6, 1, Format::DecimalSI),
            "G" => (9, 1, Format::DecimalSI),
            "T" => (12, 1, Format::DecimalSI),
            "P" => (15, 1, Format::DecimalSI),
            "E" => (18, 1, Format::DecimalSI),
            "Ki" => (0, 1 << 10, Format::BinarySI),
            "Mi" => (0, 1 << 20, Format::BinarySI),
            "Gi" => (0, 1 << 30, Format::BinarySI),
            "Ti" => (0, 1 << 40, Format::BinarySI),
            "Pi" => (0, 1 << 50, Format::BinarySI),
            "Ei" => (0, 1 << 60, Format::BinarySI),
            e if e.starts_with('e') || e.starts_with('E') => {
                let exp: i32 = e[1..]
                    .parse()
                    .map_err(|_| "unable to parse quantity's suffix".to_string())?;
                if !(-30..=30).contains(&exp) {
                    return Err("unable to parse quantity's suffix".into());
                }
                (exp, 1, Format::DecimalExponent)
            }
            _ => return Err("unable to parse quantity's suffix".into()),
        };
        // nano = mantissa * mult * 10^(9 + exp - frac_digits), rounded up below a nano
        let scale = 9 + base10_exp - frac_digits;
        let v = mantissa
            .checked_mul(mult)
            .ok_or_else(|| FORMAT_ERROR.to_string())?;
        let nano = if scale >= 0 {
            10i128
                .checked_pow(scale as u32)
                .and_then(|m| v.checked_mul(m))
                .ok_or_else(|| FORMAT_ERROR.to_string())?
        } else {
            match 10i128.checked_pow((-scale) as u32) {
                Some(d) => (v + d - 1) / d,
                // below any nano: rounds up to one
                None => i128::from(v > 0),
            }
        };
        Ok(Quantity {
            nano: if neg { -nano } else { nano },
            format,
        })
    }

    /// Whole units (bytes for storage), rounded up.
    pub fn value(&self) -> i128 {
        if self.nano >= 0 {
            (self.nano + NANO - 1) / NANO
        } else {
            self.nano / NANO
        }
    }

    /// The canonical string, as the API server stores it.
    pub fn canonical(&self) -> String {
        if self.nano == 0 {
            return "0".into();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let whole = self.nano % NANO == 0;
            let v = self.nano / NANO;
            if !whole || (-1024 < v && v < 1024) {
                format = Format::DecimalSI;
            } else {
                let mut m = v;
                let mut k = 0;
                while k < 6 && m % 1024 == 0 {
                    m /= 1024;
                    k += 1;
                }
                return format!("{m}{}", ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][k]);
            }
        }
        // decimal: the largest power-of-1000 exponent that keeps the mantissa whole
        let mut exp: i32 = -9;
        let mut m = self.nano;
        while exp < 18 && m % 1000 == 0 {
            m /= 1000;
            exp += 3;
        }
        let suffix = match (format, exp) {
            (Format::DecimalExponent, 0) => String::new(),
            (Format::DecimalExponent, e) => format!("e{e}"),
            (_, -9) => "n".into(),
            (_, -6) => "u".into(),
            (_, -3) => "m".into(),
            (_, 0) => String::new(),
            (_, 3) => "k".into(),
            (_, 6) => "M".into(),
            (_, 9) => "G".into(),
            (_, 12) => "T".into(),
            (_, 15) => "P".into(),
            _ => "E".into(),
        };
        format!("{m}{suffix}")
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        Quantity::parse(s).unwrap().canonical()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(c("1Gi"), "1Gi");
        assert_eq!(c("1024Mi"), "1Gi");
        assert_eq!(c("1.5Gi"), "1536Mi");
        assert_eq!(c("1500Mi"), "1500Mi");
        assert_eq!(c("1000M"), "1G");
        assert_eq!(c("1500M"), "1500M");
        assert_eq!(c("0.5"), "500m");
        assert_eq!(c("100"), "100");
        assert_eq!(c("512Ki"), "512Ki");
        assert_eq!(c("0.5Ki"), "512");
        assert_eq!(c("1e3"), "1e3");
        assert_eq!(c("0"), "0");
        assert_eq!(c("+2Gi"), "2Gi");
    }

    #[test]
    fn values_and_errors() {
        assert_eq!(Quantity::parse("1Gi").unwrap().value(), 1 << 30);
        assert_eq!(Quantity::parse("1G").unwrap().value(), 1_000_000_000);
        assert_eq!(Quantity::parse("1.5").unwrap().value(), 2);
        assert_eq!(Quantity::parse("abc").unwrap_err(), FORMAT_ERROR);
        assert_eq!(Quantity::parse("1GB").unwrap_err(), FORMAT_ERROR);
        assert_eq!(
            Quantity::parse("1Mii").unwrap_err(),
            "unable to parse quantity's suffix"
        );
        assert!(Quantity::parse("1.2.3").is_err());
        assert!(Quantity::parse("").is_err());
        // extremes neither panic nor wrap
        assert!(Quantity::parse("9e30").is_err());
        assert!(Quantity::parse("99999999999999999999999999999999999999999Ei").is_err());
        let tiny = format!("0.{}1", "0".repeat(60));
        assert_eq!(Quantity::parse(&tiny).unwrap().nano, 1);
        assert_eq!(Quantity::parse("1e-30").unwrap().nano, 1);
    }
}
