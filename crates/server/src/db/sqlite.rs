//! The SQLite backend: one file, WAL, `synchronous=FULL`.

use std::path::Path;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use super::{Backend, DbError, Row, Sql, Value};

/// One SQLite connection.
pub struct SqliteSql {
    conn: Connection,
}

impl SqliteSql {
    /// Opens (or creates) the file with the durability settings the server needs.
    pub fn open(path: &Path) -> Result<SqliteSql, DbError> {
        // The library is SQLCipher (the workspace links it for the workstation), but the
        // server's database is deliberately left unkeyed: it lives on a managed server whose
        // disk encryption and access control protect it, and PostgreSQL is its main store.
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )?;
        Ok(SqliteSql { conn })
    }
}

/// `$1` → `?1`: SQLite's numbered form, so the shared SQL binds by position on both backends.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Int(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Text(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Value::Int(None) | Value::Text(None) => ToSqlOutput::Borrowed(ValueRef::Null),
        })
    }
}

fn read(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Integer(v) => Value::Int(Some(v)),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            Value::Text(Some(String::from_utf8_lossy(t).into_owned()))
        }
        ValueRef::Real(r) => Value::Text(Some(r.to_string())),
        ValueRef::Null => Value::Text(None),
    }
}

impl Sql for SqliteSql {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let mut stmt = self.conn.prepare_cached(&numbered(sql))?;
        let changed = stmt.execute(rusqlite::params_from_iter(params.iter()))?;
        Ok(changed as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let mut stmt = self.conn.prepare_cached(&numbered(sql))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(columns);
            for i in 0..columns {
                values.push(read(row.get_ref(i)?));
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        Ok(self.conn.execute_batch(sql)?)
    }

    fn begin(&mut self) -> Result<(), DbError> {
        self.batch("BEGIN IMMEDIATE")
    }

    fn backend(&self) -> Backend {
        Backend::Sqlite
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_placeholders_become_numbered() {
        assert_eq!(
            numbered("SELECT $1, '$x', $12 FROM t"),
            "SELECT ?1, '$x', ?12 FROM t"
        );
    }
}
