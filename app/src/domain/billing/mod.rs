//! Each tenant's business: plans, subscriptions and payments. The provider sits behind a trait
//! (`provider`); the simulation is the default (`simulated`). The lifecycle (`lifecycle`) and
//! signed inbound events (`events`) change subscriptions; `entitlements` says what they open;
//! `sales` sells one-off products and single courses.

pub mod entitlements;
pub mod events;
pub mod inbound_limit;
pub mod lifecycle;
pub mod provider;
pub mod sales;
pub mod simulated;

pub use inbound_limit::EventLimiter;
pub use provider::{CheckoutPage, Outcome, Payment, PaymentError, PaymentProvider};
pub use simulated::SimulatedProvider;
