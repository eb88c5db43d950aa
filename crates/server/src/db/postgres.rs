//! The PostgreSQL backend, through the synchronous `postgres` client (tokio-postgres inside),
//! driven from tokio's blocking pool.

use std::collections::HashMap;

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use super::{Backend, DbError, Row, Sql, Value};

/// One PostgreSQL connection.
pub struct PostgresSql {
    address: String,
    client: Client,
    prepared: HashMap<String, Statement>,
    in_transaction: bool,
}

impl PostgresSql {
    /// Connects without TLS: the database is expected on loopback or a private link.
    pub fn connect(address: &str) -> Result<PostgresSql, DbError> {
        let client = Client::connect(address, NoTls)?;
        Ok(PostgresSql {
            address: address.to_owned(),
            client,
            prepared: HashMap::new(),
            in_transaction: false,
        })
    }
}

impl PostgresSql {
    /// Connects again when the link dropped (the database restarted, an administrator ended
    /// the session) — but never inside a transaction, whose work died with the old link.
    fn ensure_connected(&mut self) -> Result<(), DbError> {
        if self.client.is_closed() && !self.in_transaction {
            self.reconnect()?;
        }
        Ok(())
    }

    /// The prepared statement for `sql`, prepared once per connection.
    fn statement(&mut self, sql: &str) -> Result<Statement, DbError> {
        self.ensure_connected()?;
        if let Some(stmt) = self.prepared.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.prepare(sql)?;
        self.prepared.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }
}

fn bind(params: &[Value]) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .iter()
        .map(|p| -> Box<dyn ToSql + Sync> {
            match p {
                Value::Int(v) => Box::new(*v),
                Value::Text(v) => Box::new(v.clone()),
            }
        })
        .collect()
}

fn read(row: &postgres::Row) -> Result<Row, DbError> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let value = match *column.type_() {
            Type::INT8 => Value::Int(row.try_get::<_, Option<i64>>(i)?),
            Type::INT4 => Value::Int(row.try_get::<_, Option<i32>>(i)?.map(i64::from)),
            Type::INT2 => Value::Int(row.try_get::<_, Option<i16>>(i)?.map(i64::from)),
            _ => Value::Text(row.try_get::<_, Option<String>>(i)?),
        };
        values.push(value);
    }
    Ok(Row(values))
}

impl PostgresSql {
    fn execute_once(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let owned = bind(params);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        let stmt = self.statement(sql)?;
        Ok(self.client.execute(&stmt, &refs)?)
    }

    fn query_once(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let owned = bind(params);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        let stmt = self.statement(sql)?;
        self.client.query(&stmt, &refs)?.iter().map(read).collect()
    }

    /// True when a failure outside a transaction was the link dying (the server ended the
    /// session, or the socket closed): then one retry on a new connection is safe, since
    /// nothing of this unit of work was applied.
    fn link_lost(&self, err: &DbError) -> bool {
        if self.in_transaction {
            return false;
        }
        match err {
            DbError::Postgres(e) => {
                e.is_closed()
                    || self.client.is_closed()
                    || e.code() == Some(&postgres::error::SqlState::ADMIN_SHUTDOWN)
            }
            _ => self.client.is_closed(),
        }
    }

    fn reconnect(&mut self) -> Result<(), DbError> {
        tracing::warn!("database connection lost; reconnecting");
        self.client = Client::connect(&self.address, NoTls)?;
        self.prepared.clear();
        Ok(())
    }
}

impl Sql for PostgresSql {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        match self.execute_once(sql, params) {
            Err(e) if self.link_lost(&e) => {
                self.reconnect()?;
                self.execute_once(sql, params)
            }
            other => other,
        }
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        match self.query_once(sql, params) {
            Err(e) if self.link_lost(&e) => {
                self.reconnect()?;
                self.query_once(sql, params)
            }
            other => other,
        }
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        if sql == "COMMIT" || sql == "ROLLBACK" {
            self.in_transaction = false;
        } else {
            self.ensure_connected()?;
        }
        Ok(self.client.batch_execute(sql)?)
    }

    fn begin(&mut self) -> Result<(), DbError> {
        self.ensure_connected()?;
        if let Err(e) = self.client.batch_execute("BEGIN") {
            let e = DbError::from(e);
            if !self.link_lost(&e) {
                return Err(e);
            }
            self.reconnect()?;
            self.client.batch_execute("BEGIN")?;
        }
        self.in_transaction = true;
        Ok(())
    }

    fn backend(&self) -> Backend {
        Backend::Postgres
    }
}
