//! The lab: guided labs (steps checked against the simulator), the saved lab state and the
//! "try it for real" export. Pure: no UI types.

/// The guided labs a `kindlab-lab` block may name with `guide: NAME`.
pub const GUIDES: &[&str] = &["chapter", "storage", "tuning"];
