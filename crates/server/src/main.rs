//! `tereze-server`: serve the sync API, or run an administrator command.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use tereze_protocol::{GroupCounts, GroupRecord, NewGroup};
use tereze_server::admin::{self, NewAccount};
use tereze_server::blob::BlobStore;
use tereze_server::connection_file;
use tereze_server::db::Db;
use tereze_server::email::{MailConfig, MailSecurity};
use tereze_server::queue;
use tereze_server::{ServeConfig, TlsFiles};
use uuid::Uuid;

/// Tereze central server.
#[derive(Debug, Parser)]
#[command(name = "tereze-server", version)]
struct Cli {
    /// The database: `sqlite:PATH` (one file, created if missing) or `postgres://…`.
    #[arg(long, global = true, default_value = "sqlite:tereze-server.db")]
    db: String,
    /// The blob folder; defaults to `<sqlite file>.blobs` or `tereze-blobs`.
    #[arg(long, global = true)]
    blobs: Option<PathBuf>,
    /// The preschool queue's settings (rules file and version, time zone, lease periods, expiry
    /// job interval); today's national values when absent. See `queue::config`.
    #[arg(long, global = true)]
    queue_config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Security {
    Plain,
    Starttls,
    Tls,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the sync API until SIGTERM or ctrl-c.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8443")]
        listen: SocketAddr,
        /// TLS certificate chain (PEM); with --tls-key the server speaks HTTPS.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// TLS private key (PEM).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// SMTP relay as HOST:PORT, for e-mailing issued documents.
        #[arg(long, requires = "smtp_from")]
        smtp: Option<String>,
        /// Sender address of those e-mails.
        #[arg(long)]
        smtp_from: Option<String>,
        /// How the relay is reached.
        #[arg(long, value_enum, default_value = "starttls")]
        smtp_security: Security,
        /// CA certificate (PEM) that signed the relay's certificate, if private.
        #[arg(long)]
        smtp_ca: Option<PathBuf>,
    },
    /// Create a workstation and print its credential (shown once, stored hashed).
    ProvisionWorkstation {
        /// The office it serves (reference id, e.g. sko-edu-arys).
        #[arg(long)]
        office: String,
        /// A label for the administrator.
        #[arg(long, default_value = "workstation")]
        name: String,
        /// Enrol a workstation under the id it already made for itself.
        #[arg(long)]
        id: Option<Uuid>,
        /// Also write a connection file for `tereze connect` here (mode 0600).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The address workstations reach this server at (needed with --out).
        #[arg(long)]
        url: Option<String>,
        /// The project CA certificate (PEM) to inline in the connection file.
        #[arg(long)]
        ca: Option<PathBuf>,
    },
    /// Revoke a workstation's credential (a lost or replaced computer).
    RevokeWorkstation {
        /// The workstation's id.
        #[arg(long)]
        id: Uuid,
    },
    /// List the workstations whose audit history was found rewritten.
    AuditFlags,
    /// Add an operator account.
    AddOperator {
        /// The operator's IIN.
        #[arg(long)]
        iin: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// operator (executor), con-operator, head or admin.
        #[arg(long)]
        role: String,
        /// The office (reference id).
        #[arg(long)]
        office: String,
        /// Initial password.
        #[arg(long)]
        password: String,
        /// Use this id (the one a workstation already knows).
        #[arg(long)]
        id: Option<Uuid>,
    },
    /// Import offices.csv, organisations.csv and groups.csv from a folder.
    ImportReference {
        /// The folder (e.g. assets/reference).
        dir: PathBuf,
    },
    /// Change a preschool group's capacity or occupied places.
    QueueGroup {
        /// The group's id.
        #[arg(long)]
        group: String,
        /// New capacity.
        #[arg(long)]
        capacity: Option<u32>,
        /// New number of occupied places.
        #[arg(long)]
        occupied: Option<u32>,
    },
    /// Add a group to a kindergarten or mini-centre of the reference data.
    QueueAddGroup {
        /// The new group's id.
        #[arg(long)]
        group: String,
        /// The organisation.
        #[arg(long)]
        organisation: String,
        /// Age band from (full years, inclusive).
        #[arg(long)]
        age_min: u8,
        /// Age band to (full years, exclusive).
        #[arg(long)]
        age_max: u8,
        /// kk or ru.
        #[arg(long)]
        language: String,
        /// A correctional group.
        #[arg(long)]
        correctional: bool,
        /// All places.
        #[arg(long)]
        capacity: u32,
        /// Places already taken.
        #[arg(long, default_value_t = 0)]
        occupied: u32,
    },
    /// Run the queue's expiry job once (offers, referrals, stop-lists, leases).
    QueueExpire {
        /// The day to expire for (YYYY-MM-DD); today in Kazakhstan when absent.
        #[arg(long)]
        today: Option<String>,
    },
    /// Recompute an allocation run from its stored inputs and check the result is the same.
    QueueReplay {
        /// The run's id.
        #[arg(long)]
        run: Uuid,
    },
    /// Import a certificate revocation list (DER) for an issuer.
    ImportCrl {
        /// The issuer's name.
        #[arg(long)]
        issuer: String,
        /// The CRL file.
        file: PathBuf,
    },
}

fn blob_dir(cli: &Cli) -> PathBuf {
    if let Some(dir) = &cli.blobs {
        return dir.clone();
    }
    match cli.db.strip_prefix("sqlite:") {
        Some(path) => PathBuf::from(format!("{path}.blobs")),
        None => PathBuf::from("tereze-blobs"),
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal, never in the journal or a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tereze-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    if let Some(path) = &cli.queue_config {
        let config = queue::QueueConfig::load(path).map_err(|e| e.to_string())?;
        tracing::info!(rules = %config.rules.version, "queue settings loaded");
        queue::configure(config).map_err(|_| "queue settings were set twice".to_owned())?;
    }
    let blobs = blob_dir(cli);
    match &cli.command {
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
            smtp,
            smtp_from,
            smtp_security,
            smtp_ca,
        } => {
            let tls = match (tls_cert, tls_key) {
                (Some(cert), Some(key)) => Some(TlsFiles {
                    cert: cert.clone(),
                    key: key.clone(),
                }),
                _ => None,
            };
            let mail = match (smtp, smtp_from) {
                (Some(relay), Some(from)) => {
                    Some(mail_config(relay, from, *smtp_security, smtp_ca)?)
                }
                _ => None,
            };
            let config = ServeConfig {
                db: cli.db.clone(),
                listen: *listen,
                blob_dir: blobs,
                tls,
                mail,
            };
            serve(config)
        }
        Command::ProvisionWorkstation {
            office,
            name,
            id,
            out,
            url,
            ca,
        } => {
            // Check the connection file's settings before anything is stored.
            let checked = match out {
                Some(_) => Some(
                    connection_file::build(url.as_deref(), ca.as_deref(), Uuid::nil(), "")
                        .map_err(|e| e.to_string())?,
                ),
                None => None,
            };
            let db = open(&cli.db)?;
            let p =
                admin::provision_workstation(&db, office, name, *id).map_err(|e| e.to_string())?;
            println!("workstation {}", p.id);
            println!("credential {}", p.credential);
            println!("(the credential is shown only now; the server keeps only its hash)");
            if let (Some(path), Some(file)) = (out, checked) {
                let file = tereze_protocol::ConnectionFile {
                    workstation: p.id,
                    secret: p.credential.clone(),
                    ..file
                };
                connection_file::write(path, &file).map_err(|e| e.to_string())?;
                println!("connection file {}", path.display());
            }
            Ok(())
        }
        Command::RevokeWorkstation { id } => {
            let db = open(&cli.db)?;
            if admin::revoke_workstation(&db, *id).map_err(|e| e.to_string())? {
                println!("workstation {id} revoked");
                Ok(())
            } else {
                Err(format!("no active workstation {id}"))
            }
        }
        Command::AuditFlags => {
            let db = open(&cli.db)?;
            let flags = db
                .run_blocking(tereze_server::audit_chain::flagged)
                .map_err(|e| e.to_string())?;
            for (workstation, at) in &flags {
                println!("{at}  workstation {workstation}: audit history rewritten");
            }
            if flags.is_empty() {
                println!("no rewritten audit history");
            }
            Ok(())
        }
        Command::AddOperator {
            iin,
            name,
            role,
            office,
            password,
            id,
        } => {
            let db = open(&cli.db)?;
            let role = admin::parse_role(role).map_err(|e| e.to_string())?;
            let id = admin::add_operator(
                &db,
                NewAccount {
                    iin: iin.clone(),
                    full_name: name.clone(),
                    role,
                    office_id: office.clone(),
                    password: password.clone(),
                    id: *id,
                },
            )
            .map_err(|e| e.to_string())?;
            println!("operator {id}");
            Ok(())
        }
        Command::ImportReference { dir } => {
            let db = open(&cli.db)?;
            let version = admin::import_reference(&db, dir).map_err(|e| e.to_string())?;
            println!("reference {version}");
            Ok(())
        }
        Command::QueueGroup {
            group,
            capacity,
            occupied,
        } => {
            let db = open(&cli.db)?;
            let (group, counts) = (
                group.clone(),
                GroupCounts {
                    capacity: *capacity,
                    occupied: *occupied,
                },
            );
            let g = queue::in_transaction(&db, move |sql| {
                queue::groups::set_counts(sql, None, &group, &counts)
            })
            .map_err(|e| e.to_string())?;
            print_group(&g);
            Ok(())
        }
        Command::QueueAddGroup {
            group,
            organisation,
            age_min,
            age_max,
            language,
            correctional,
            capacity,
            occupied,
        } => {
            let db = open(&cli.db)?;
            let new = NewGroup {
                group_id: group.clone(),
                organisation_id: organisation.clone(),
                age_min: *age_min,
                age_max: *age_max,
                language: language.clone(),
                correctional: *correctional,
                capacity: *capacity,
                occupied: *occupied,
            };
            let g = queue::in_transaction(&db, move |sql| queue::groups::add(sql, None, &new))
                .map_err(|e| e.to_string())?;
            print_group(&g);
            Ok(())
        }
        Command::QueueExpire { today } => {
            let day = match today {
                Some(t) => tereze_core::validate::date::parse(t)
                    .map_err(|_| "--today must be a date (YYYY-MM-DD)".to_owned())?,
                None => queue::today(),
            };
            let db = open(&cli.db)?;
            let s = queue::in_transaction(&db, move |sql| {
                queue::offers::expire(sql, day, tereze_server::clock::now())
            })
            .map_err(|e| e.to_string())?;
            println!(
                "offers expired {}, referrals annulled {}, stop-lists ended {}, leases returned {}, offers made {}",
                s.offers_expired,
                s.referrals_annulled,
                s.stop_lists_ended,
                s.leases_returned,
                s.offers_made
            );
            Ok(())
        }
        Command::QueueReplay { run } => {
            let db = open(&cli.db)?;
            let run = *run;
            let r = queue::in_transaction(&db, move |sql| queue::runs::replay(sql, None, run))
                .map_err(|e| e.to_string())?;
            if r.same {
                println!("run {} replayed: the same {} offers", r.run_id, r.offers);
                Ok(())
            } else {
                Err(format!("run {} replayed to a different result", r.run_id))
            }
        }
        Command::ImportCrl { issuer, file } => {
            let db = open(&cli.db)?;
            let store = BlobStore::open(&blobs).map_err(|e| e.to_string())?;
            let sha = admin::import_crl(&db, &store, issuer, file).map_err(|e| e.to_string())?;
            println!("crl {sha}");
            Ok(())
        }
    }
}

fn print_group(g: &GroupRecord) {
    println!(
        "group {} ({} {}): capacity {}, occupied {}, reserved {}, vacant {}",
        g.group_id,
        g.organisation_kind,
        g.organisation_id,
        g.capacity,
        g.occupied,
        g.reserved,
        g.vacant
    );
}

fn open(address: &str) -> Result<Db, String> {
    Db::open(address).map_err(|e| e.to_string())
}

fn mail_config(
    relay: &str,
    from: &str,
    security: Security,
    ca: &Option<PathBuf>,
) -> Result<MailConfig, String> {
    let (host, port) = relay.rsplit_once(':').ok_or("--smtp must be HOST:PORT")?;
    let port: u16 = port.parse().map_err(|_| "--smtp must be HOST:PORT")?;
    Ok(MailConfig {
        host: host.to_owned(),
        port,
        from: from.to_owned(),
        security: match security {
            Security::Plain => MailSecurity::Plain,
            Security::Starttls => MailSecurity::StartTls,
            Security::Tls => MailSecurity::Tls,
        },
        ca_file: ca.as_deref().map(Path::to_path_buf),
    })
}

fn serve(config: ServeConfig) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let server = tereze_server::start(config)
            .await
            .map_err(|e| e.to_string())?;
        // Tests and scripts read the bound address from this line.
        println!("listening on {}", server.addr());
        let handle = server.handle();
        tokio::spawn(async move {
            tereze_server::serve::shutdown_signal().await;
            tracing::info!("shutting down: finishing requests in flight");
            handle.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
        });
        server.wait().await.map_err(|e| e.to_string())?;
        tracing::info!("stopped");
        Ok(())
    })
}
