//! Reference data and revocation lists held by the server for the workstations.

use sha2::{Digest, Sha256};
use tereze_core::reference::{GROUPS_FILE, OFFICES_FILE, ORGANISATIONS_FILE, ReferenceData};
use tereze_protocol::{CrlEntry, CrlList, ReferenceSet};

use crate::db::Sql;
use crate::error::ServerError;

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The files did not parse (the core parser's own error, with file and line).
    #[error(transparent)]
    Reference(#[from] tereze_core::reference::ReferenceError),
    /// A file could not be read.
    #[error("cannot read {file}: {source}")]
    Read {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Storing failed.
    #[error(transparent)]
    Server(#[from] ServerError),
}

impl From<crate::db::DbError> for ImportError {
    fn from(e: crate::db::DbError) -> Self {
        ImportError::Server(ServerError::Db(e))
    }
}

/// Reads the three CSV files from `dir`, checks them with the workstation's own parser and
/// stores them as the current set; returns its version. Importing the same files again keeps
/// the version.
pub fn import_dir(sql: &mut dyn Sql, dir: &std::path::Path) -> Result<String, ImportError> {
    let read = |file: &str| {
        std::fs::read_to_string(dir.join(file)).map_err(|source| ImportError::Read {
            file: file.to_owned(),
            source,
        })
    };
    let offices = read(OFFICES_FILE)?;
    let organisations = read(ORGANISATIONS_FILE)?;
    let groups = read(GROUPS_FILE)?;
    let data = ReferenceData::parse(&offices, &organisations, &groups)?;
    let version = version_of(&offices, &organisations, &groups);
    sql.transaction(|tx| {
        tx.execute(
            "INSERT INTO reference_sets (version, offices_csv, organisations_csv, groups_csv,
                                         imported_at, seq)
             VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(seq), 0) + 1 FROM reference_sets))
             ON CONFLICT (version) DO NOTHING",
            &[
                version.as_str().into(),
                offices.into(),
                organisations.into(),
                groups.into(),
                crate::clock::now_text().into(),
            ],
        )?;
        crate::queue::groups::sync_from_reference(tx, &data)?;
        Ok::<_, ImportError>(())
    })?;
    Ok(version)
}

fn version_of(offices: &str, organisations: &str, groups: &str) -> String {
    let mut h = Sha256::new();
    for part in [offices, organisations, groups] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The newest imported set.
pub fn current(sql: &mut dyn Sql) -> Result<Option<ReferenceSet>, ServerError> {
    let row = sql.query_opt(
        "SELECT version, offices_csv, organisations_csv, groups_csv FROM reference_sets
         ORDER BY seq DESC LIMIT 1",
        &[],
    )?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(ReferenceSet {
        version: row.text(0)?,
        offices_csv: row.text(1)?,
        organisations_csv: row.text(2)?,
        groups_csv: row.text(3)?,
    }))
}

/// Records a revocation list already stored as a blob as the current one of `issuer`.
pub fn record_crl(
    sql: &mut dyn Sql,
    issuer: &str,
    sha256: &str,
    size: u64,
) -> Result<(), ServerError> {
    sql.execute(
        "INSERT INTO crls (issuer, sha256, size, imported_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (issuer) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                                            imported_at = excluded.imported_at",
        &[
            issuer.into(),
            sha256.into(),
            i64::try_from(size).unwrap_or(i64::MAX).into(),
            crate::clock::now_text().into(),
        ],
    )?;
    Ok(())
}

/// Every current revocation list.
pub fn crls(sql: &mut dyn Sql) -> Result<CrlList, ServerError> {
    let rows = sql.query(
        "SELECT issuer, sha256, size, imported_at FROM crls ORDER BY issuer",
        &[],
    )?;
    let mut crls = Vec::new();
    for row in rows {
        crls.push(CrlEntry {
            issuer: row.text(0)?,
            sha256: row.text(1)?,
            size: u64::try_from(row.int(2)?).unwrap_or(0),
            imported_at: crate::clock::parse(&row.text(3)?),
        });
    }
    Ok(CrlList { crls })
}
