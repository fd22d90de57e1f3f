//! Console line formatting: the two prefix styles.

use super::config::Severity;
use super::LogStyle;
use crate::time::{haproxy_date, Millis};

/// PID of the master process inside the container (messages about the configuration, start-up).
pub const MASTER_PID: u32 = 1;
/// PID of the worker (health-check messages), as in the chapter: `New worker #1 (6) forked`.
pub const WORKER_PID: u32 = 6;

fn label(sev: Severity) -> &'static str {
    match sev {
        Severity::Notice => "[NOTICE]",
        Severity::Warning => "[WARNING]",
        Severity::Alert => "[ALERT]",
    }
}

/// The console prefix, e.g. `[WARNING] 000/000001 (6) : ` (chapter, HAProxy < 2.4) or
/// `[WARNING]  (6) : ` (current, HAProxy >= 2.4: label padded to 10 columns, no date).
pub fn prefix(style: LogStyle, sev: Severity, pid: u32, at: Millis) -> String {
    match style {
        LogStyle::Chapter => format!("{} {} ({}) : ", label(sev), haproxy_date(at), pid),
        LogStyle::Current => format!("{:<10} ({}) : ", label(sev), pid),
    }
}

/// Formats a possibly multi-line message: the prefix goes on the first line only, the
/// continuation lines (`   | ...`) are printed as they are, like HAProxy does.
pub fn console_lines(
    style: LogStyle,
    sev: Severity,
    pid: u32,
    at: Millis,
    msg: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for (i, l) in msg.split('\n').enumerate() {
        if i == 0 {
            out.push(format!("{}{}", prefix(style, sev, pid, at), l));
        } else {
            out.push(l.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let t = 19 * 3_600_000 + 17 * 60_000 + 1_000;
        assert_eq!(
            prefix(LogStyle::Chapter, Severity::Warning, 6, t),
            "[WARNING] 000/191701 (6) : "
        );
        assert_eq!(
            prefix(LogStyle::Chapter, Severity::Notice, 1, 0),
            "[NOTICE] 000/000000 (1) : "
        );
        assert_eq!(
            prefix(LogStyle::Current, Severity::Notice, 1, t),
            "[NOTICE]   (1) : "
        );
        assert_eq!(
            prefix(LogStyle::Current, Severity::Warning, 6, t),
            "[WARNING]  (6) : "
        );
        assert_eq!(
            prefix(LogStyle::Current, Severity::Alert, 6, t),
            "[ALERT]    (6) : "
        );
    }

    #[test]
    fn continuation_lines_have_no_prefix() {
        let l = console_lines(LogStyle::Current, Severity::Warning, 1, 0, "a\n   | b");
        assert_eq!(
            l,
            vec!["[WARNING]  (1) : a".to_string(), "   | b".to_string()]
        );
    }
}
