//! Reference data taken from the server: imported together with its version in one
//! transaction, so a version is recorded only with the rows it names.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, clock};
use crate::reference::ReferenceData;

impl Store {
    /// The version of the server's reference data this store holds, if it took any.
    pub fn server_reference_version(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM server_reference WHERE singleton = 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Imports the server's reference data `data` of `version` and records the version, in one
    /// transaction (the import is audited when it changed anything).
    pub fn import_server_reference(
        &mut self,
        version: &str,
        data: &ReferenceData,
    ) -> Result<(), StoreError> {
        let (_, at) = clock::now()?;
        self.import_reference_with(data, |tx| {
            tx.execute(
                "INSERT INTO server_reference (singleton, version, imported_at)
                 VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO UPDATE
                 SET version = excluded.version, imported_at = excluded.imported_at",
                params![version, at],
            )?;
            Ok(())
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The fixed master key these tests open their encrypted stores with.
    fn test_key() -> crate::keyring::MasterKey {
        crate::keyring::MasterKey::from_bytes([7; 32])
    }

    #[test]
    fn the_version_is_recorded_with_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), &test_key()).unwrap();
        assert_eq!(store.server_reference_version().unwrap(), None);
        let mut data = ReferenceData::builtin().unwrap();
        data.offices.truncate(1);
        data.organisations.clear();
        data.groups.clear();
        store.import_server_reference("abc", &data).unwrap();
        assert_eq!(
            store.server_reference_version().unwrap().as_deref(),
            Some("abc")
        );
        store.import_server_reference("def", &data).unwrap();
        assert_eq!(
            store.server_reference_version().unwrap().as_deref(),
            Some("def")
        );
    }
}
