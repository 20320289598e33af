//! A fake Discord HTTP API on 127.0.0.1, for serenity's real `Http` pointed at it (its proxy
//! setting, with the rate limiter off). It records interaction responses, follow-ups, direct
//! message channels and messages, and serves attachment files.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use serde_json::{Value, json};

#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    files: Vec<(String, Vec<u8>)>,
    next: u64,
    refuse_dm: bool,
}

#[derive(Clone)]
pub struct FakeDiscord {
    inner: Arc<Mutex<Inner>>,
    pub url: String,
}

pub const DM_CHANNEL: &str = "9000";
pub const USER_ID: &str = "2001";

pub fn user() -> Value {
    json!({"id": USER_ID, "username": "somchai", "discriminator": "0", "global_name": "Somchai", "avatar": null})
}

fn message(id: u64, channel: &str, content: &Value) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel,
        "author": {"id": "42", "username": "occ", "discriminator": "0", "avatar": null, "bot": true},
        "content": content.as_str().unwrap_or_default(), "timestamp": "2026-12-04T02:30:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0
    })
}

/// The JSON of a request body: plain JSON, or the `payload_json` part of a multipart body.
fn body_json(headers: &HeaderMap, body: &[u8]) -> Value {
    let kind = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if kind.starts_with("application/json") {
        return serde_json::from_slice(body).unwrap_or(Value::Null);
    }
    let text = String::from_utf8_lossy(body);
    text.split("name=\"payload_json\"")
        .nth(1)
        .and_then(|rest| rest.split("\r\n\r\n").nth(1))
        .and_then(|part| part.split("\r\n--").next())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or(Value::Null)
}

async fn any(
    State(fake): State<FakeDiscord>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let path = uri.path().to_owned();
    if method == Method::GET && path.starts_with("/cdn/") {
        let name = path.trim_start_matches("/cdn/");
        let inner = fake.inner.lock().unwrap();
        return match inner.files.iter().find(|(n, _)| n == name) {
            Some((_, bytes)) => bytes.clone().into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let json_body = body_json(&headers, &body);
    let mut inner = fake.inner.lock().unwrap();
    inner.calls.push(Call {
        method: method.to_string(),
        path: path.clone(),
        body: json_body.clone(),
    });
    inner.next += 1;
    let id = 80_000 + inner.next;
    if path.ends_with("/callback") {
        return StatusCode::NO_CONTENT.into_response();
    }
    if path == "/api/v10/users/@me/channels" {
        if inner.refuse_dm {
            return (
                StatusCode::FORBIDDEN,
                axum::Json(json!({"code": 50007, "message": "Cannot send messages to this user"})),
            )
                .into_response();
        }
        return axum::Json(
            json!({"id": DM_CHANNEL, "type": 1, "last_message_id": null, "recipients": [user()]}),
        )
        .into_response();
    }
    if path.starts_with("/api/v10/channels/") && path.ends_with("/messages") {
        let channel = path
            .trim_start_matches("/api/v10/channels/")
            .trim_end_matches("/messages")
            .to_owned();
        return axum::Json(message(id, &channel, &json_body["content"])).into_response();
    }
    if path.starts_with("/api/v10/webhooks/") {
        return axum::Json(message(id, DM_CHANNEL, &json_body["content"])).into_response();
    }
    if path.contains("/commands") {
        return axum::Json(json!([])).into_response();
    }
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"code": 0, "message": format!("no route {path}")})),
    )
        .into_response()
}

impl FakeDiscord {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let fake = FakeDiscord {
            inner: Arc::default(),
            url,
        };
        let app = Router::new().fallback(any).with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    pub fn calls(&self) -> Vec<Call> {
        self.inner.lock().unwrap().calls.clone()
    }

    pub fn take_calls(&self) -> Vec<Call> {
        std::mem::take(&mut self.inner.lock().unwrap().calls)
    }

    pub fn add_file(&self, name: &str, bytes: &[u8]) -> String {
        self.inner
            .lock()
            .unwrap()
            .files
            .push((name.to_owned(), bytes.to_vec()));
        format!("{}/cdn/{name}", self.url)
    }

    pub fn refuse_dm(&self) {
        self.inner.lock().unwrap().refuse_dm = true;
    }
}
