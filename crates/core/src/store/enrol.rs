//! Joining a server: the workstation takes the id the server provisioned (only while it has
//! never queued an operation under its own) and the office's operator accounts, so they can log
//! in offline under the ids the server knows.

use rusqlite::{OptionalExtension, Transaction, params};
use tereze_protocol::{OperatorRecord, WorkstationId};

use super::audit::{self, AuditAction, EntityKind};
use super::operator::Role;
use super::{Store, StoreError};
use crate::iin::Iin;

/// What importing the server's accounts did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OperatorImport {
    /// Accounts new on this workstation.
    pub added: usize,
    /// Accounts already here, brought up to the server's state.
    pub updated: usize,
    /// Accounts left out: their IIN belongs to another local account, or the record is not
    /// valid (bad IIN, unknown role).
    pub skipped: usize,
}

impl Store {
    /// Takes `id` as this workstation's identity. Refused (`Ok(false)`, nothing changed) when
    /// the outbox already holds operations under another id: their `(workstation, seq)` pairs
    /// are what the server deduplicates on, so they can never be renamed.
    pub fn adopt_workstation(&mut self, id: WorkstationId) -> Result<bool, StoreError> {
        if self.workstation == id {
            return Ok(true);
        }
        let adopted = self.write(|tx| {
            let used: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM outbox)", [], |r| r.get(0))?;
            if used {
                return Ok::<bool, StoreError>(false);
            }
            tx.execute(
                "UPDATE workstation SET id = ?1 WHERE singleton = 1",
                [id.0.to_string()],
            )?;
            audit::append_now(
                tx,
                None,
                AuditAction::Sync,
                EntityKind::Workstation,
                Some(id.0),
                &serde_json::json!({ "enrolled": true }),
            )?;
            Ok(true)
        })?;
        if adopted {
            self.workstation = id;
        }
        Ok(adopted)
    }

    /// Stores the office's accounts as the server sent them (ids, roles, verifiers, whether
    /// active), in one transaction.
    pub fn import_operators(
        &mut self,
        records: &[OperatorRecord],
    ) -> Result<OperatorImport, StoreError> {
        self.write(|tx| {
            let mut tally = OperatorImport::default();
            for record in records {
                match upsert(tx, record)? {
                    Upsert::Added => tally.added += 1,
                    Upsert::Updated => tally.updated += 1,
                    Upsert::Skipped => tally.skipped += 1,
                }
            }
            if tally.added + tally.updated > 0 {
                audit::append_now(
                    tx,
                    None,
                    AuditAction::AddOperator,
                    EntityKind::Workstation,
                    None,
                    &serde_json::json!({
                        "from-server": true,
                        "added": tally.added,
                        "updated": tally.updated,
                    }),
                )?;
            }
            Ok(tally)
        })
    }
}

enum Upsert {
    Added,
    Updated,
    Skipped,
}

fn upsert(tx: &Transaction<'_>, record: &OperatorRecord) -> Result<Upsert, StoreError> {
    let (Ok(iin), Some(role)) = (Iin::parse(&record.iin), Role::parse(&record.role)) else {
        return Ok(Upsert::Skipped);
    };
    let id = record.id.to_string();
    let holder: Option<String> = tx
        .query_row(
            "SELECT id FROM operators WHERE iin = ?1",
            [iin.as_string()],
            |r| r.get(0),
        )
        .optional()?;
    if holder.as_ref().is_some_and(|h| *h != id) {
        return Ok(Upsert::Skipped);
    }
    let updated = tx.execute(
        "UPDATE operators SET iin = ?2, full_name = ?3, role = ?4, office_id = ?5,
                password_hash = ?6, active = ?7
         WHERE id = ?1",
        params![
            id,
            iin.as_string(),
            record.full_name,
            role.as_str(),
            record.office_id,
            record.password_hash,
            record.active
        ],
    )?;
    if updated > 0 {
        return Ok(Upsert::Updated);
    }
    tx.execute(
        "INSERT INTO operators (id, iin, full_name, role, office_id, password_hash, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            iin.as_string(),
            record.full_name,
            role.as_str(),
            record.office_id,
            record.password_hash,
            record.active
        ],
    )?;
    Ok(Upsert::Added)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use uuid::Uuid;

    use super::*;
    use crate::store::NewOperator;

    fn record(id: Uuid, iin: &str, role: &str) -> OperatorRecord {
        OperatorRecord {
            id,
            iin: iin.to_owned(),
            full_name: "Server Account".to_owned(),
            role: role.to_owned(),
            office_id: "sko-edu-arys".to_owned(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
                .to_owned(),
            active: true,
        }
    }

    /// The fixed master key these tests open their encrypted stores with.
    fn test_key() -> crate::keyring::MasterKey {
        crate::keyring::MasterKey::from_bytes([7; 32])
    }

    #[test]
    fn a_fresh_workstation_takes_the_provisioned_id_and_one_with_operations_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), &test_key()).unwrap();
        let given = WorkstationId(Uuid::now_v7());
        assert!(store.adopt_workstation(given).unwrap());
        assert_eq!(store.workstation(), given);
        drop(store);
        // The id is kept in the database, not only in memory.
        let mut store = Store::open(dir.path(), &test_key()).unwrap();
        assert_eq!(store.workstation(), given);

        let op = store
            .add_operator(
                &NewOperator {
                    iin: Iin::parse("900101300017").unwrap(),
                    full_name: "Local".to_owned(),
                    role: Role::Executor,
                    office_id: "sko-edu-arys".to_owned(),
                    password_hash: None,
                },
                None,
            )
            .unwrap();
        store
            .save_request(
                &crate::store::RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "preschool-queue".to_owned(),
                    profile: "default".to_owned(),
                    channel: crate::channel::Channel::Office,
                    fields: Default::default(),
                },
                op.id,
            )
            .unwrap();
        let other = WorkstationId(Uuid::now_v7());
        assert!(!store.adopt_workstation(other).unwrap());
        assert_eq!(store.workstation(), given);
        // The same id again is no change and no refusal.
        assert!(store.adopt_workstation(given).unwrap());
    }

    #[test]
    fn server_accounts_are_added_updated_and_never_take_over_a_local_iin() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), &test_key()).unwrap();
        let local = store
            .add_operator(
                &NewOperator {
                    iin: Iin::parse("900101300017").unwrap(),
                    full_name: "Local".to_owned(),
                    role: Role::Executor,
                    office_id: "sko-edu-arys".to_owned(),
                    password_hash: None,
                },
                None,
            )
            .unwrap();
        let head = Uuid::now_v7();
        let mut records = vec![
            record(head, "780322300458", "head"),
            record(Uuid::now_v7(), "900101300017", "executor"),
            record(Uuid::now_v7(), "123", "executor"),
        ];
        let tally = store.import_operators(&records).unwrap();
        assert_eq!(
            tally,
            OperatorImport {
                added: 1,
                updated: 0,
                skipped: 2
            }
        );
        let stored = store.operator(head).unwrap().unwrap();
        assert_eq!(stored.role, Role::Head);
        assert!(stored.password_hash.is_some());
        assert_eq!(
            store.operator(local.id).unwrap().unwrap().full_name,
            "Local"
        );

        records[0].active = false;
        let tally = store.import_operators(&records[..1]).unwrap();
        assert_eq!(tally.updated, 1);
        assert!(!store.operator(head).unwrap().unwrap().active);
    }
}
