//! An in-process TCP proxy between the engine and the server that injects network faults.
//!
//! The engine under test runs with `keep_alive = false`, so every call is one connection; the
//! proxy reads the request head, logs its request line, and applies the first armed fault whose
//! prefix matches it (e.g. `"POST /v1/push"`). Every other connection passes through untouched.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What to do to one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Close the connection before anything reaches the server.
    DropRequest,
    /// Let the call reach the server, wait for the first byte of its answer (the server has
    /// committed), then close the connection without passing the answer on.
    DropResponse,
    /// Let the call reach the server and hold the answer back this long before passing it on.
    Stall(Duration),
    /// Let the call reach the server and pass its answer on at one byte per second.
    Trickle,
    /// Let the call reach the server, then reset the connection (TCP RST) as its answer starts.
    Reset,
    /// Pass the call on claiming another protocol version.
    ProtocolVersion(u32),
}

#[derive(Default)]
struct State {
    armed: VecDeque<(String, Fault)>,
    log: Vec<String>,
    hits: Vec<Fault>,
}

/// A running proxy.
#[derive(Clone)]
pub struct Proxy {
    pub addr: SocketAddr,
    upstream: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Proxy {
    /// Starts a proxy to `upstream` on the current tokio runtime.
    pub async fn start(upstream: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy = Proxy {
            addr: listener.local_addr().unwrap(),
            upstream,
            state: Arc::default(),
        };
        let p = proxy.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let p = p.clone();
                tokio::spawn(async move { p.serve(client).await });
            }
        });
        proxy
    }

    /// The URL the engine should use.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Applies `fault` to the next call whose logged line (request line, then ` [content-range]`
    /// for uploads) starts with `prefix`.
    pub fn arm(&self, prefix: &str, fault: Fault) {
        self.state
            .lock()
            .unwrap()
            .armed
            .push_back((prefix.to_owned(), fault));
    }

    /// Faults armed but not applied yet.
    pub fn armed(&self) -> usize {
        self.state.lock().unwrap().armed.len()
    }

    /// The faults applied so far.
    pub fn hits(&self) -> Vec<Fault> {
        self.state.lock().unwrap().hits.clone()
    }

    /// Request lines seen (with the `content-range` of uploads).
    pub fn log(&self) -> Vec<String> {
        self.state.lock().unwrap().log.clone()
    }

    async fn serve(&self, mut client: TcpStream) {
        let mut head = Vec::new();
        let mut buf = [0u8; 8192];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            match client.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let text = String::from_utf8_lossy(&head).into_owned();
        let line = text.lines().next().unwrap_or_default().to_owned();
        let range = text
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-range:"))
            .map(|l| format!(" [{}]", l.split_once(':').unwrap().1.trim()))
            .unwrap_or_default();
        let fault = {
            let mut state = self.state.lock().unwrap();
            let logged = format!("{line}{range}");
            let found = state.armed.iter().position(|(p, _)| logged.starts_with(p));
            state.log.push(logged);
            let fault = found.and_then(|i| state.armed.remove(i)).map(|(_, f)| f);
            if let Some(f) = fault {
                state.hits.push(f);
            }
            fault
        };
        match fault {
            None => self.pass(client, head).await,
            Some(Fault::DropRequest) => drop(client),
            Some(Fault::Reset) => {
                let _ = client.set_zero_linger();
                let _ = self.until_answer(&mut client, head).await;
                // Dropped with a zero linger: the client gets RST instead of FIN.
            }
            Some(Fault::ProtocolVersion(v)) => {
                let rewritten = text.replace(
                    "x-tereze-protocol: 1\r\n",
                    &format!("x-tereze-protocol: {v}\r\n"),
                );
                self.pass(client, rewritten.into_bytes()).await;
            }
            Some(Fault::DropResponse) => {
                let _ = self.until_answer(&mut client, head).await;
                // Dropped: the client never sees the answer.
            }
            Some(Fault::Stall(d)) => {
                let Some((mut upstream, first)) = self.until_answer(&mut client, head).await else {
                    return;
                };
                let mut answer = vec![first];
                let mut chunk = [0u8; 8192];
                while let Ok(Ok(n)) =
                    tokio::time::timeout(Duration::from_millis(300), upstream.read(&mut chunk))
                        .await
                {
                    if n == 0 {
                        break;
                    }
                    answer.extend_from_slice(&chunk[..n]);
                }
                tokio::time::sleep(d).await;
                let _ = client.write_all(&answer).await;
            }
            Some(Fault::Trickle) => {
                let Some((mut upstream, first)) = self.until_answer(&mut client, head).await else {
                    return;
                };
                let mut byte = [first];
                loop {
                    if client.write_all(&byte).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    if !matches!(upstream.read(&mut byte).await, Ok(1)) {
                        return;
                    }
                }
            }
        }
    }

    /// Sends the call upstream (head, then whatever body the client sends) until the server's
    /// first answer byte arrives: by then the server has read and committed the call.
    async fn until_answer(&self, client: &mut TcpStream, head: Vec<u8>) -> Option<(TcpStream, u8)> {
        let mut upstream = TcpStream::connect(self.upstream).await.ok()?;
        upstream.write_all(&head).await.ok()?;
        let mut body = [0u8; 8192];
        let mut first = [0u8; 1];
        let mut client_open = true;
        loop {
            tokio::select! {
                r = client.read(&mut body), if client_open => match r {
                    Ok(0) | Err(_) => client_open = false,
                    Ok(n) => upstream.write_all(&body[..n]).await.ok()?,
                },
                r = upstream.read(&mut first) => return match r {
                    Ok(1) => Some((upstream, first[0])),
                    _ => None,
                },
            }
        }
    }

    /// Connects upstream and copies both ways.
    async fn pass(&self, mut client: TcpStream, head: Vec<u8>) {
        let Ok(mut upstream) = TcpStream::connect(self.upstream).await else {
            return;
        };
        if upstream.write_all(&head).await.is_err() {
            return;
        }
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
    }
}
