//! Links and images: classification (safe schemes, lessons, anchors, assets) and heading
//! anchors (`slugify`).

use crate::model::*;

/// A heading's automatic anchor: lower-case letters and digits (any script), `-` for the rest.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !s.ends_with('-') && !s.is_empty()
        {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Removes what browsers ignore in a URL (spaces, tabs, newlines, control characters), so that
/// `java\tscript:` is seen as the scheme it is.
pub(super) fn cleaned(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// The scheme of a URL (`javascript` in `JavaScript:x`), lower-cased, if it has one.
pub(super) fn scheme(url: &str) -> Option<String> {
    let c = url.find(':')?;
    let s = &url[..c];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| s.to_ascii_lowercase())
}

/// Classifies a link target; `Err` says why it is refused.
pub fn classify_link(url: &str) -> Result<Href, String> {
    let u = cleaned(url);
    if u.is_empty() {
        return Err("the link has no target".into());
    }
    if let Some(s) = scheme(&u) {
        return match s.as_str() {
            "http" | "https" | "mailto" => Ok(Href::External(url.trim().to_string())),
            other => Err(format!(
                "the `{other}:` scheme is not allowed (use http(s):, mailto:, a lesson file or an app page)"
            )),
        };
    }
    if u.starts_with("//") || u.starts_with("\\\\") || u.starts_with("/\\") {
        return Err("protocol-relative links are not allowed: write https://".into());
    }
    if let Some(a) = u.strip_prefix('#') {
        return Ok(Href::Anchor(a.to_string()));
    }
    if u.starts_with('/') {
        return Ok(Href::App(u));
    }
    let (path, anchor) = match u.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (u.as_str(), None),
    };
    let file = path.rsplit('/').next().unwrap_or(path);
    match file.strip_suffix(".md") {
        Some(stem) => Ok(Href::Lesson {
            slug: lesson_slug(stem).to_string(),
            anchor,
        }),
        None => Err(format!(
            "`{url}` is neither a lesson file (NN-slug.md), an app page (/lab) nor http(s)"
        )),
    }
}

/// `01-kind-ha` -> `kind-ha` (a lesson file's stem without its order number).
pub fn lesson_slug(stem: &str) -> &str {
    match stem.split_once('-') {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => stem,
    }
}

/// Image targets are relative paths to files in `assets/` (png, svg, jpg, gif, webp).
pub(super) fn classify_image(url: &str) -> Result<String, String> {
    let u = cleaned(url);
    if let Some(s) = scheme(&u) {
        return Err(format!(
            "the `{s}:` scheme is not allowed for images (use a file in assets/)"
        ));
    }
    if u.starts_with('/') || u.starts_with('\\') {
        return Err("image paths are relative to the lesson file (../../assets/img/x.svg)".into());
    }
    let lower = u.to_ascii_lowercase();
    if ![".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Err(format!("`{url}` is not a png, svg, jpg, gif or webp image"));
    }
    Ok(u)
}
