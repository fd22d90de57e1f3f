pub mod inert;
