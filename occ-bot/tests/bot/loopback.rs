//! Nothing a test sends leaves the loopback interface: the channels under test are given an HTTP
//! client whose proxy rule sends every request for a host other than 127.0.0.1 or localhost to
//! a trap listening on 127.0.0.1, which records the host and closes the connection. Each channel
//! test ends by checking that the trap caught nothing.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::sync::{Mutex, OnceLock};

struct Trap {
    url: String,
    caught: Mutex<Vec<String>>,
}

fn trap() -> &'static Trap {
    static TRAP: OnceLock<Trap> = OnceLock::new();
    TRAP.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // "CONNECT api.telegram.org:443 HTTP/1.1" or "GET http://host/... HTTP/1.1".
                let mut first = String::new();
                let _ = BufReader::new(&stream).read_line(&mut first);
                let target = first
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_owned();
                trap().caught.lock().unwrap().push(target);
            }
        });
        Trap {
            url,
            caught: Mutex::new(Vec::new()),
        }
    })
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1")
}

/// A client for the channels under test: loopback requests go straight, others to the trap.
pub fn client() -> reqwest::Client {
    let trap_url = trap().url.clone();
    let guard = reqwest::Proxy::custom(move |url| {
        if url.host_str().is_some_and(is_loopback) {
            None
        } else {
            Some(trap_url.clone())
        }
    });
    reqwest::Client::builder()
        .proxy(guard)
        .connect_timeout(std::time::Duration::from_secs(5))
        .build()
        .unwrap()
}

/// Fails if any request for a host outside loopback was made (other than the self-test's).
pub fn assert_nothing_escaped() {
    let caught: Vec<String> = trap()
        .caught
        .lock()
        .unwrap()
        .iter()
        .filter(|h| !h.contains("trap-self-test.invalid"))
        .cloned()
        .collect();
    assert!(
        caught.is_empty(),
        "requests left the loopback interface: {caught:?}"
    );
}

/// The trap itself works: a request to a real-looking host is caught, not sent.
#[tokio::test]
async fn the_trap_catches_requests_for_other_hosts() {
    let result = client()
        .get("https://trap-self-test.invalid/bot123/getMe")
        .send()
        .await;
    assert!(result.is_err());
    for _ in 0..100 {
        if trap()
            .caught
            .lock()
            .unwrap()
            .iter()
            .any(|h| h.contains("trap-self-test.invalid"))
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the trap did not catch the request");
}
