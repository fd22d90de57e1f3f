//! Small formatting helpers shared by the command layer: tables in kubectl/docker layout, the
//! tools' ways of printing ages and durations, dates for times that may lie before virtual 0.

use crate::time::{civil, Millis};

/// Lays out rows the way kubectl and docker do (Go's tabwriter): every column padded to its widest
/// cell, `gap` spaces between columns, the last column not padded.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>], gap: usize) -> String {
    let cols = header.len();
    let mut width = vec![0usize; cols];
    for (i, h) in header.iter().enumerate() {
        width[i] = h.chars().count();
    }
    for r in rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            l.push_str(c);
            if i + 1 < cells.len() {
                let pad = width[i] - c.chars().count() + gap;
                l.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for r in rows {
        line(r.iter().map(|s| s.as_str()).collect());
    }
    out
}

/// kubectl's age format (`k8s.io/apimachinery/pkg/util/duration.HumanDuration`).
pub(crate) fn kube_age(ms: Millis) -> String {
    let secs = ms.div_euclid(1000);
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        return with_rest(minutes, "m", secs % 60, "s");
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        return with_rest(hours, "h", minutes % 60, "m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        return with_rest(hours / 24, "d", hours % 24, "h");
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    format!("{}y", hours / 24 / 365)
}

/// `5m12s`, or `5m` when the rest is 0.
fn with_rest(n: i64, unit: &str, rest: i64, rest_unit: &str) -> String {
    if rest == 0 {
        format!("{n}{unit}")
    } else {
        format!("{n}{unit}{rest}{rest_unit}")
    }
}

/// Docker's `HumanDuration` (go-units), as in `Up 5 minutes` / `2 hours ago`.
pub(crate) fn docker_duration(ms: Millis) -> String {
    let secs = ms.max(0) / 1000;
    if secs < 1 {
        return "Less than a second".into();
    }
    if secs == 1 {
        return "1 second".into();
    }
    if secs < 60 {
        return format!("{secs} seconds");
    }
    let minutes = secs / 60;
    if minutes == 1 {
        return "About a minute".into();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours = (ms.max(0) as f64 / 3_600_000.0 + 0.5) as i64;
    if hours == 1 {
        return "About an hour".into();
    }
    if hours < 48 {
        return format!("{hours} hours");
    }
    if hours < 24 * 14 {
        return format!("{} days", hours / 24);
    }
    if hours < 24 * 60 {
        return format!("{} weeks", hours / 24 / 7);
    }
    if hours < 24 * 730 {
        return format!("{} months", hours / 24 / 30);
    }
    format!("{} years", secs / 3600 / 24 / 365)
}

/// systemd's timespan as in `Active: ... ; 2min 3s ago`.
pub(crate) fn systemd_span(ms: Millis) -> String {
    let secs = ms.max(0) / 1000;
    if secs < 60 {
        if ms < 1000 {
            return format!("{}ms", ms.max(0));
        }
        return format!("{secs}s");
    }
    let (d, h, m, s) = (
        secs / 86400,
        (secs % 86400) / 3600,
        (secs % 3600) / 60,
        secs % 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} day{}", if d == 1 { "" } else { "s" }));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}min"));
    }
    if s > 0 && d == 0 {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Thu, 01 Jan 2026 00:00:00 +0000` (kubectl describe) .
pub(crate) fn rfc1123z(t: Millis) -> String {
    rfc1123(t, "+0000")
}

/// `Thu, 01 Jan 2026 00:00:00 GMT` (HTTP Date header).
pub(crate) fn http_date(t: Millis) -> String {
    rfc1123(t, "GMT")
}

/// `Thu, 01 Jan 2026 00:00:00 {zone}`.
fn rfc1123(t: Millis, zone: &str) -> String {
    let c = civil(t);
    let (y, mo, d, h, mi, s, wd) = (
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.weekday,
    );
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} {zone}",
        WEEKDAYS[wd as usize],
        d,
        MONTHS[mo as usize - 1],
        y,
        h,
        mi,
        s
    )
}

/// `Thu 2026-01-01 00:00:00 UTC` (systemctl status).
pub(crate) fn systemd_date(t: Millis) -> String {
    let c = civil(t);
    let (y, mo, d, h, mi, s, wd) = (
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.weekday,
    );
    format!(
        "{} {}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        WEEKDAYS[wd as usize], y, mo, d, h, mi, s
    )
}

/// `date`'s default format: `Thu Jan  1 00:00:00 UTC 2026`.
pub(crate) fn unix_date(t: Millis) -> String {
    let c = civil(t);
    let (y, mo, d, h, mi, s, wd) = (
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.weekday,
    );
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} UTC {}",
        WEEKDAYS[wd as usize],
        MONTHS[mo as usize - 1],
        d,
        h,
        mi,
        s,
        y
    )
}

// the RFC 3339 forms are the calendar's own
pub(crate) use crate::time::rfc3339_nanos;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kube_ages() {
        assert_eq!(kube_age(45_000), "45s");
        assert_eq!(kube_age(119_000), "119s");
        assert_eq!(kube_age(312_000), "5m12s");
        assert_eq!(kube_age(300_000), "5m");
        assert_eq!(kube_age(3 * 3_600_000), "3h");
        assert_eq!(kube_age(3 * 3_600_000 + 60_000 * 5), "3h5m");
        assert_eq!(kube_age((2 * 24 + 5) * 3_600_000), "2d5h");
        assert_eq!(kube_age(20 * 24 * 3_600_000), "20d");
        assert_eq!(kube_age(-500), "0s");
    }

    #[test]
    fn docker_durations() {
        assert_eq!(docker_duration(500), "Less than a second");
        assert_eq!(docker_duration(1_000), "1 second");
        assert_eq!(docker_duration(30_000), "30 seconds");
        assert_eq!(docker_duration(90_000), "About a minute");
        assert_eq!(docker_duration(300_000), "5 minutes");
        assert_eq!(docker_duration(3_600_000), "About an hour");
        assert_eq!(docker_duration(5 * 3_600_000), "5 hours");
        assert_eq!(docker_duration(72 * 3_600_000), "3 days");
    }

    #[test]
    fn dates_before_and_after_zero() {
        assert_eq!(rfc1123z(0), "Thu, 01 Jan 2026 00:00:00 +0000");
        assert_eq!(rfc1123z(-1000), "Wed, 31 Dec 2025 23:59:59 +0000");
        assert_eq!(rfc3339_nanos(4_190), "2026-01-01T00:00:04.190000000Z");
        assert_eq!(systemd_date(61_000), "Thu 2026-01-01 00:01:01 UTC");
        assert_eq!(systemd_span(123_000), "2min 3s");
        assert_eq!(unix_date(0), "Thu Jan  1 00:00:00 UTC 2026");
    }

    #[test]
    fn table_layout() {
        let t = table(
            &["NAME", "STATUS"],
            &[
                vec!["a".into(), "Ready".into()],
                vec!["longer".into(), "x".into()],
            ],
            3,
        );
        assert_eq!(t, "NAME     STATUS\na        Ready\nlonger   x\n");
    }
}

/// Go's `text/tabwriter` as kubectl's `describe` uses it (`minwidth 0, tabwidth 8, padding 2,
/// padchar ' ', flags 0`): `\t` ends a cell; consecutive lines with a cell in a column form a
/// block padded to its widest cell plus `padding`; a line without tabs ends every block. The
/// last cell of a line is not padded (so `Message:\t` keeps its trailing spaces, as kubectl's).
pub(crate) fn tabwrite(text: &str, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut widths: Vec<usize> = Vec::new();
    tab_format(&lines, 0, lines.len(), &mut widths, padding, &mut out);
    out.join("\n")
}

fn tab_format(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    padding: usize,
    out: &mut Vec<String>,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        // lines before the block are written with the widths known so far
        tab_write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = 0;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].chars().count() + padding);
            this += 1;
        }
        widths.push(width);
        tab_format(lines, line0, this, widths, padding, out);
        widths.pop();
        line0 = this;
    }
    tab_write_lines(lines, line0, line1, widths, out);
}

fn tab_write_lines(
    lines: &[Vec<&str>],
    from: usize,
    to: usize,
    widths: &[usize],
    out: &mut Vec<String>,
) {
    for line in &lines[from..to] {
        let mut s = String::new();
        for (j, cell) in line.iter().enumerate() {
            s.push_str(cell);
            if j < widths.len() && j + 1 < line.len() {
                let w = cell.chars().count();
                s.push_str(&" ".repeat(widths[j].saturating_sub(w)));
            }
        }
        out.push(s);
    }
}

#[cfg(test)]
mod tabwriter_tests {
    use super::tabwrite;

    #[test]
    fn blocks_and_trailing_pads() {
        let t = tabwrite(
            "Name:\tdata\nAccess Modes:\t\nSource:\n    Type:\tHostPath\nEvents:\t<none>\n",
            2,
        );
        assert_eq!(
            t,
            "Name:          data\nAccess Modes:  \nSource:\n    Type:  HostPath\nEvents:    <none>\n"
        );
    }
}
