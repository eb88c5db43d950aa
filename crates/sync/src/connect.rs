//! Checking a connection before it is kept: one cheap authenticated call that proves the
//! address answers, its certificate chains to the given CA, the credential is accepted and both
//! sides speak the same protocol; it brings back the office's accounts for offline login.

use tereze_protocol::OperatorList;
use uuid::Uuid;

use crate::api::Api;
use crate::{Credentials, ServerAddress, SyncConfig, SyncError, Timeouts};

/// Calls `GET /v1/operators` with the workstation credential `secret` at `server`, trusting
/// only `ca_pem`. No operator is logged in yet, so none is named.
pub async fn check_connection(
    server: ServerAddress,
    ca_pem: Option<Vec<u8>>,
    secret: String,
    timeouts: Timeouts,
) -> Result<OperatorList, SyncError> {
    let mut config = SyncConfig::new(
        server,
        ca_pem,
        Credentials {
            workstation: secret,
            operator: Uuid::nil(),
        },
    );
    config.timeouts = timeouts;
    config.keep_alive = false;
    Api::new(config)?.operators().await
}
