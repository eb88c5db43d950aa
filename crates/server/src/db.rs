//! The database behind the server: SQLite (one file, the embedded default) or PostgreSQL.
//!
//! Both backends implement [`Sql`], a small synchronous interface over parameterised
//! statements with `$1, $2, …` placeholders. Every query the server runs is written once, in
//! the SQL both dialects share, so one test suite proves both. Database work runs on tokio's
//! database thread through [`Db::run`]; one connection serves all work in turn, which also makes
//! the change-log cursor follow commit order (a reader can never skip a change that commits
//! later with a smaller cursor).

mod migrate;
mod postgres;
mod sqlite;

use thiserror::Error;

/// A value bound to or read from a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A 64-bit integer (SQLite INTEGER, PostgreSQL BIGINT), or NULL.
    Int(Option<i64>),
    /// Text, or NULL.
    Text(Option<String>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_owned()))
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub Vec<Value>);

impl Row {
    /// The integer in column `i`.
    pub fn int(&self, i: usize) -> Result<i64, DbError> {
        match self.0.get(i) {
            Some(Value::Int(Some(v))) => Ok(*v),
            _ => Err(DbError::Shape { column: i }),
        }
    }

    /// The text in column `i`.
    pub fn text(&self, i: usize) -> Result<String, DbError> {
        match self.0.get(i) {
            Some(Value::Text(Some(v))) => Ok(v.clone()),
            _ => Err(DbError::Shape { column: i }),
        }
    }

    /// The text in column `i`, or `None` for NULL.
    pub fn opt_text(&self, i: usize) -> Result<Option<String>, DbError> {
        match self.0.get(i) {
            Some(Value::Text(v)) => Ok(v.clone()),
            Some(Value::Int(None)) => Ok(None),
            _ => Err(DbError::Shape { column: i }),
        }
    }
}

/// Why a database call failed. The messages name no personal data: they carry the driver's
/// error, which names tables and constraints, never bound values.
#[derive(Debug, Error)]
pub enum DbError {
    /// The `--db` address is neither `sqlite:PATH` nor `postgres://…`.
    #[error("unsupported database address (expected sqlite:PATH or postgres://…)")]
    BadAddress,
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed.
    #[error("postgres: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// A column held another type than the code expects.
    #[error("unexpected value in column {column}")]
    Shape {
        /// The column index.
        column: usize,
    },
    /// The database was written by a newer server.
    #[error("the database schema {found} is newer than this server's {known}")]
    Newer {
        /// The version found.
        found: i64,
        /// The newest version this binary knows.
        known: i64,
    },
    /// The blocking task running the work died.
    #[error("database worker stopped")]
    Worker,
}

/// A connection to either backend.
pub trait Sql: Send {
    /// Runs a statement and returns how many rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError>;
    /// Runs a query and returns every row.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
    /// Runs statements without parameters (schema, `BEGIN`, `COMMIT`).
    fn batch(&mut self, sql: &str) -> Result<(), DbError>;
    /// Starts a write transaction (SQLite takes the write lock at once).
    fn begin(&mut self) -> Result<(), DbError>;
    /// Which backend this is; picks the migration folder.
    fn backend(&self) -> Backend;
}

/// The two supported databases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite through rusqlite.
    Sqlite,
    /// PostgreSQL through the `postgres` client.
    Postgres,
}

impl dyn Sql + '_ {
    /// The first row of a query, if any.
    pub fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, DbError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Runs `f` inside one transaction: committed when it returns `Ok`, rolled back otherwise.
    pub fn transaction<T, E: From<DbError>>(
        &mut self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, E>,
    ) -> Result<T, E> {
        self.begin()?;
        match f(self) {
            Ok(v) => match self.batch("COMMIT") {
                Ok(()) => Ok(v),
                Err(e) => {
                    // A failed COMMIT can leave the transaction open; never carry it over.
                    let _ = self.batch("ROLLBACK");
                    Err(e.into())
                }
            },
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

/// A unit of work for the database thread.
type Job = Box<dyn FnOnce(&mut dyn Sql) + Send>;

/// The shared handle the HTTP handlers use: a queue to the one thread that owns the connection.
///
/// The connection lives and dies on that thread, so the PostgreSQL client's own runtime never
/// runs inside tokio's, and all work is applied one job after another.
#[derive(Clone)]
pub struct Db {
    jobs: std::sync::mpsc::Sender<Job>,
    backend: Backend,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish()
    }
}

fn connect(address: &str) -> Result<Box<dyn Sql>, DbError> {
    let mut conn: Box<dyn Sql> = if let Some(path) = address.strip_prefix("sqlite:") {
        Box::new(sqlite::SqliteSql::open(std::path::Path::new(path))?)
    } else if address.starts_with("postgres://") || address.starts_with("postgresql://") {
        Box::new(postgres::PostgresSql::connect(address)?)
    } else {
        return Err(DbError::BadAddress);
    };
    migrate::migrate(conn.as_mut())?;
    Ok(conn)
}

impl Db {
    /// Opens `sqlite:PATH` or `postgres://…` on a new database thread and brings its schema
    /// up to date. Blocks until the database answered; call it off the async runtime.
    pub fn open(address: &str) -> Result<Db, DbError> {
        let address = address.to_owned();
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let (ready, opened) = std::sync::mpsc::channel::<Result<Backend, DbError>>();
        std::thread::Builder::new()
            .name("tereze-db".into())
            .spawn(move || {
                let mut conn = match connect(&address) {
                    Ok(conn) => {
                        let _ = ready.send(Ok(conn.backend()));
                        conn
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                while let Ok(job) = queue.recv() {
                    // A job that panics loses only its own answer (the caller sees `Worker`);
                    // its transaction is rolled back and the thread serves the next job.
                    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        job(conn.as_mut());
                    }));
                    if ran.is_err() {
                        let _ = conn.batch("ROLLBACK");
                    }
                }
            })
            .map_err(|_| DbError::Worker)?;
        let backend = opened.recv().map_err(|_| DbError::Worker)??;
        Ok(Db { jobs, backend })
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `f` on the database thread and waits for it without blocking the runtime.
    pub async fn run<T, E>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let (done, result) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Box::new(move |sql| {
                let _ = done.send(f(sql));
            }))
            .map_err(|_| E::from(DbError::Worker))?;
        result.await.map_err(|_| E::from(DbError::Worker))?
    }

    /// Runs `f` on the database thread and blocks until it is done (admin commands).
    pub fn run_blocking<T, E>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let (done, result) = std::sync::mpsc::channel();
        self.jobs
            .send(Box::new(move |sql| {
                let _ = done.send(f(sql));
            }))
            .map_err(|_| E::from(DbError::Worker))?;
        result.recv().map_err(|_| E::from(DbError::Worker))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_rolls_back_and_the_next_job_is_served() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&format!("sqlite:{}", dir.path().join("t.db").display())).unwrap();
        let lost: Result<(), DbError> = db.run_blocking(|sql| {
            sql.begin()?;
            sql.execute(
                "INSERT INTO crls (issuer, sha256, size, imported_at) VALUES ($1, $2, $3, $4)",
                &["x".into(), "y".into(), 1.into(), "t".into()],
            )?;
            panic!("a bug in a handler");
        });
        assert!(matches!(lost, Err(DbError::Worker)));
        let rows = db
            .run_blocking(|sql| sql.query("SELECT count(*) FROM crls", &[]))
            .unwrap();
        assert_eq!(
            rows[0].int(0).unwrap(),
            0,
            "the half-done work was rolled back"
        );
    }
}
