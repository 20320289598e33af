//! A fake Telegram Bot API server on 127.0.0.1: it queues updates for `getUpdates`, serves files
//! for `getFile`, and records every call the bot makes, so that tests can read what the citizen
//! would have seen.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::{Value, json};

/// A call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
}

#[derive(Default)]
struct Inner {
    updates: VecDeque<Value>,
    calls: Vec<Call>,
    files: HashMap<String, (u64, Vec<u8>)>,
    next_message: i64,
    blocked: Vec<i64>,
}

#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Mutex<Inner>>,
    pub url: String,
    next_update: Arc<Mutex<i64>>,
}

pub const TOKEN: &str = "123456:TEST-TOKEN";

fn ok(result: Value) -> axum::response::Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

fn user(id: i64, lang: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Somchai", "language_code": lang})
}

fn chat(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": "Somchai"})
}

async fn method(
    State(fake): State<FakeTelegram>,
    Path((bot, method)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    if bot != format!("bot{TOKEN}") {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"ok": false, "error_code": 401, "description": "Unauthorized"})),
        )
            .into_response();
    }
    let json_body = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("application/json"))
        .and_then(|_| serde_json::from_slice(&body).ok())
        .unwrap_or(Value::Null);
    // Method names are case-insensitive (teloxide writes GetMe, SendMessage).
    let method = match method.to_ascii_lowercase().as_str() {
        "getme" => "getMe",
        "getwebhookinfo" => "getWebhookInfo",
        "deletewebhook" => "deleteWebhook",
        "setmycommands" => "setMyCommands",
        "answercallbackquery" => "answerCallbackQuery",
        "getupdates" => "getUpdates",
        "getfile" => "getFile",
        "sendmessage" => "sendMessage",
        "sendphoto" => "sendPhoto",
        _ => "unknown",
    }
    .to_owned();
    if method != "getUpdates" {
        fake.inner.lock().unwrap().calls.push(Call {
            method: method.clone(),
            body: json_body.clone(),
        });
    }
    match method.as_str() {
        "getMe" => ok(json!({
            "id": 42, "is_bot": true, "first_name": "OCC", "username": "occ_test_bot",
            "can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false
        })),
        "getWebhookInfo" => ok(json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})),
        "deleteWebhook" | "setMyCommands" | "answerCallbackQuery" => ok(json!(true)),
        "getUpdates" => {
            let offset = json_body.get("offset").and_then(Value::as_i64).unwrap_or(0);
            // Long polling, briefly: answer as soon as there is something, or after a moment.
            for _ in 0..30 {
                {
                    let mut inner = fake.inner.lock().unwrap();
                    inner.updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                    if !inner.updates.is_empty() {
                        return ok(Value::Array(inner.updates.iter().cloned().collect()));
                    }
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            ok(json!([]))
        }
        "getFile" => {
            let id = json_body["file_id"].as_str().unwrap_or_default().to_owned();
            let inner = fake.inner.lock().unwrap();
            match inner.files.get(&id) {
                Some((size, _)) if *size > 20 * 1024 * 1024 => {
                    (StatusCode::BAD_REQUEST, axum::Json(json!({"ok": false, "error_code": 400, "description": "Bad Request: file is too big"}))).into_response()
                }
                Some((size, _)) => ok(json!({"file_id": id, "file_unique_id": format!("u-{id}"), "file_size": size, "file_path": format!("photos/{id}.jpg")})),
                None => (StatusCode::BAD_REQUEST, axum::Json(json!({"ok": false, "error_code": 400, "description": "Bad Request: invalid file_id"}))).into_response(),
            }
        }
        "sendMessage" | "sendPhoto" => {
            let mut inner = fake.inner.lock().unwrap();
            let chat_id = json_body["chat_id"].as_i64().unwrap_or(0);
            if inner.blocked.contains(&chat_id) {
                return (StatusCode::FORBIDDEN, axum::Json(json!({"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}))).into_response();
            }
            inner.next_message += 1;
            ok(json!({"message_id": 10_000 + inner.next_message, "date": 1_764_815_400, "chat": chat(chat_id), "text": json_body["text"]}))
        }
        _ => (StatusCode::NOT_FOUND, axum::Json(json!({"ok": false, "error_code": 404, "description": format!("Not Found: method {method}")}))).into_response(),
    }
}

async fn file(
    State(fake): State<FakeTelegram>,
    Path((_bot, path)): Path<(String, String)>,
) -> axum::response::Response {
    let id = path
        .trim_start_matches("photos/")
        .trim_end_matches(".jpg")
        .to_owned();
    match fake.inner.lock().unwrap().files.get(&id) {
        Some((_, bytes)) => bytes.clone().into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

impl FakeTelegram {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let fake = FakeTelegram {
            inner: Arc::default(),
            url,
            next_update: Arc::new(Mutex::new(1)),
        };
        let app = Router::new()
            .route("/{bot}/{method}", post(method))
            .route("/file/{bot}/{*path}", get(file))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    fn next_update_id(&self) -> i64 {
        let mut n = self.next_update.lock().unwrap();
        *n += 1;
        *n
    }

    pub fn push(&self, update: Value) {
        self.inner.lock().unwrap().updates.push_back(update);
    }

    /// A message from `user` in their private chat; returns the update, to deliver again.
    pub fn message(&self, user_id: i64, lang: &str, message_id: i64, content: Value) -> Value {
        let mut msg = json!({"message_id": message_id, "date": 1_764_815_400, "chat": chat(user_id), "from": user(user_id, lang)});
        for (k, v) in content.as_object().unwrap() {
            msg[k] = v.clone();
        }
        let update = json!({"update_id": self.next_update_id(), "message": msg});
        self.push(update.clone());
        update
    }

    pub fn text(&self, user_id: i64, lang: &str, message_id: i64, text: &str) -> Value {
        self.message(user_id, lang, message_id, json!({"text": text}))
    }

    pub fn press(&self, user_id: i64, lang: &str, data: &str) -> Value {
        let id = self.next_update_id();
        let update = json!({"update_id": id, "callback_query": {
            "id": format!("cbq-{id}"), "from": user(user_id, lang), "chat_instance": "ci", "data": data,
            "message": {"message_id": 1, "date": 1_764_815_400, "chat": chat(user_id), "text": "..."}
        }});
        self.push(update.clone());
        update
    }

    /// A message in a group chat.
    pub fn group_text(&self, user_id: i64, text: &str) {
        let update = json!({"update_id": self.next_update_id(), "message": {
            "message_id": 5, "date": 1_764_815_400, "chat": {"id": -100, "type": "group", "title": "Friends"},
            "from": user(user_id, "th"), "text": text
        }});
        self.push(update);
    }

    pub fn add_file(&self, id: &str, size: u64, bytes: &[u8]) {
        self.inner
            .lock()
            .unwrap()
            .files
            .insert(id.to_owned(), (size, bytes.to_vec()));
    }

    pub fn block(&self, chat: i64) {
        self.inner.lock().unwrap().blocked.push(chat);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.inner.lock().unwrap().calls.clone()
    }

    /// Waits until the bot has sent at least `n` messages to `chat` in all, and returns them.
    pub async fn sent_to(&self, chat: i64, n: usize) -> Vec<Value> {
        for _ in 0..500 {
            let sent: Vec<Value> = self
                .calls()
                .into_iter()
                .filter(|c| c.method == "sendMessage" && c.body["chat_id"].as_i64() == Some(chat))
                .map(|c| c.body)
                .collect();
            if sent.len() >= n {
                return sent;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "the bot sent {} messages to {chat}, not {n}: {:#?}",
            self.calls().len(),
            self.calls()
        );
    }
}

/// The callback data of the button labelled `label` in a sent message.
pub fn button(sent: &Value, label_part: &str) -> Option<String> {
    sent["reply_markup"]["inline_keyboard"]
        .as_array()?
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"].as_str().is_some_and(|t| t.contains(label_part)))
        .and_then(|b| b["callback_data"].as_str().map(str::to_owned))
}
