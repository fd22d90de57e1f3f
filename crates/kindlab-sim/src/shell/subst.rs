//! Command substitution (`$(cmd)`).

use super::line::run_line_status;
use crate::world::World;

/// Command substitution: `$(cmd)` is replaced by cmd's output (newlines become spaces), as
/// in `kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx`.
pub(super) fn substitute(
    w: &mut World,
    line: &str,
    depth: u32,
    errors: &mut String,
) -> Result<String, String> {
    if !line.contains("$(") {
        return Ok(line.to_string());
    }
    if depth > 4 {
        return Err("bash: command substitution nested too deeply".into());
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_single = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            in_single = !in_single;
        }
        if !in_single && c == '$' && chars.get(i + 1) == Some(&'(') {
            let mut level = 1;
            let mut j = i + 2;
            while j < chars.len() {
                match chars[j] {
                    '(' => level += 1,
                    ')' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err("bash: unexpected EOF while looking for matching `)'".into());
            }
            let inner: String = chars[i + 2..j].iter().collect();
            let inner = substitute(w, &inner, depth + 1, errors)?;
            let (o, ok) = run_line_status(w, &inner, None);
            if ok {
                out.push_str(o.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
            } else {
                // what failed went to stderr: shown, not substituted
                errors.push_str(&o);
            }
            i = j + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Ok(out)
}
