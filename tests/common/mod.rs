pub(crate) mod inert;
