//! A small WebDriver client for real-browser tests: headless Chromium driven by `chromedriver`
//! (Debian's `chromium` and `chromium-driver`), over the workspace's reqwest — WebDriver is
//! JSON over HTTP, so no other client or TLS stack is needed.
//!
//! ```ignore
//! let browser = Browser::start().await;
//! browser.goto(&url).await;
//! let send = browser.wait_for("#send").await;
//! browser.click(&send).await;
//! browser.screenshot("01-start").await;
//! ```
//!
//! Every wait is explicit: [`Browser::wait_for`] and [`Browser::wait_until`] poll the page
//! until what they look for is there (or fail the test after [`PATIENCE`]); no fixed sleeps.
//! A missing browser or driver fails the test with what to install — never a silent skip.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};

/// How long a wait may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);
/// The key WebDriver names element references with.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// An element of the page, as WebDriver names it, and how it was found: the page renders a
/// chat again when a message arrives, which replaces the elements found before, so an action
/// on one that went stale finds it again the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(String, Option<Locator>);

/// A script that returns the element (`arguments[i]` are `args`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Locator {
    script: String,
    args: Vec<Value>,
}

impl Element {
    fn json(&self) -> Value {
        json!({ ELEMENT: self.0 })
    }

    fn from_json(value: &Value) -> Option<Element> {
        value
            .get(ELEMENT)?
            .as_str()
            .map(|id| Element(id.to_owned(), None))
    }
}

/// Whether WebDriver refused a command because its element is no longer in the page.
fn is_stale(answer: &Value) -> bool {
    answer["value"]["error"] == "stale element reference"
}

/// A headless Chromium session; the browser and its driver end when it is dropped.
pub struct Browser {
    http: reqwest::Client,
    /// `http://127.0.0.1:<port>/session/<id>`.
    session: String,
    driver: Child,
    /// Where [`Browser::screenshot`] writes.
    screenshots: PathBuf,
    _profile: tempfile::TempDir,
}

/// The first of `names` found on the `PATH`.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl Browser {
    /// Starts chromedriver on a free port and a fresh headless Chromium (its own profile, no
    /// background networking); screenshots go to `target/screenshots/<folder>/`. Panics with
    /// what to install when Chromium or its driver is missing.
    pub async fn start(folder: &str) -> Browser {
        let driver_path = find_program(&["chromedriver"]).unwrap_or_else(|| {
            panic!(
                "chromedriver is not installed: `apt-get install -y chromium chromium-driver` \
                 (.ci/run does it)"
            )
        });
        let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"])
            .unwrap_or_else(|| {
                panic!(
                    "Chromium is not installed: `apt-get install -y chromium chromium-driver` \
                     (.ci/run does it)"
                )
            });
        let port = free_port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let profile = tempfile::tempdir().expect("a browser profile folder");
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let mut browser = Browser {
            http,
            session: String::new(),
            driver,
            screenshots: screenshot_folder(folder),
            _profile: profile,
        };
        browser.wait_for_driver(&base).await;
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--window-size=1280,860".to_owned(),
            format!("--user-data-dir={}", browser._profile.path().display()),
        ];
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": { "binary": chromium, "args": args },
            }}
        });
        let created = browser
            .request(
                reqwest::Method::POST,
                &format!("{base}/session"),
                Some(capabilities),
            )
            .await;
        let id = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("chromedriver made no session: {created}"));
        browser.session = format!("{base}/session/{id}");
        browser
    }

    async fn wait_for_driver(&self, base: &str) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let ready = match self.http.get(format!("{base}/status")).send().await {
                Ok(response) => response
                    .json::<Value>()
                    .await
                    .is_ok_and(|status| status["value"]["ready"] == true),
                Err(_) => false,
            };
            if ready {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "chromedriver did not get ready"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// One WebDriver command: its `value`, or a panic with WebDriver's error.
    async fn request(&self, method: reqwest::Method, url: &str, body: Option<Value>) -> Value {
        self.try_request(method, url, body)
            .await
            .unwrap_or_else(|answer| panic!("WebDriver refused {url}: {answer}"))
    }

    /// One WebDriver command: its `value`, or WebDriver's whole error answer.
    async fn try_request(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<Value>,
    ) -> Result<Value, Value> {
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("a WebDriver answer");
        let status = response.status();
        let answer: Value = response.json().await.expect("WebDriver's JSON");
        if status.is_success() {
            Ok(answer["value"].clone())
        } else {
            Err(answer)
        }
    }

    /// A command on `element`; when the page replaced it meanwhile, it is found again the way
    /// it was found and the command is given again.
    async fn on_element(&self, element: &Element, action: &str, body: Value) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        let mut element = element.clone();
        loop {
            let url = format!("{}/element/{}/{action}", self.session, element.0);
            match self
                .try_request(reqwest::Method::POST, &url, Some(body.clone()))
                .await
            {
                Ok(value) => return value,
                Err(answer) if is_stale(&answer) && tokio::time::Instant::now() < deadline => {
                    let Some(locator) = element.1.clone() else {
                        panic!("WebDriver refused {url}: {answer}");
                    };
                    element = self.locate(locator).await;
                }
                Err(answer) => panic!("WebDriver refused {url}: {answer}"),
            }
        }
    }

    /// Waits for `locator`'s element and keeps how it was found.
    async fn locate(&self, locator: Locator) -> Element {
        let found = self
            .wait_until(
                "an element found again",
                &locator.script,
                locator.args.clone(),
            )
            .await;
        let mut element =
            Element::from_json(&found).unwrap_or_else(|| panic!("not an element: {found}"));
        element.1 = Some(locator);
        element
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.request(method, &format!("{}{path}", self.session), body)
            .await
    }

    /// Opens `url` and waits for the document to load.
    pub async fn goto(&self, url: &str) {
        self.command(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    /// Runs `script` (a function body; `arguments[i]` are `args`) in the page and returns its
    /// result (elements come back as their JSON references).
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.command(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
        .await
    }

    /// Runs `script` asynchronously: it ends by calling its last argument (the callback) with
    /// its result, which this returns — for a script that awaits a promise (an accessibility
    /// check), within WebDriver's script timeout (30 s by default).
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.command(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
        .await
    }

    /// Resizes the window (a phone's screen: 390 × 844).
    pub async fn resize(&self, width: u32, height: u32) {
        self.command(
            reqwest::Method::POST,
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )
        .await;
    }

    /// The address of the page shown.
    pub async fn url(&self) -> String {
        let url = self.command(reqwest::Method::GET, "/url", None).await;
        url.as_str().unwrap_or_default().to_owned()
    }

    /// Polls `script` until it returns something other than `null` or `false`; returns that.
    /// Fails the test after [`PATIENCE`], naming `what`.
    pub async fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let value = match self
                .try_request(
                    reqwest::Method::POST,
                    &format!("{}/execute/sync", self.session),
                    Some(json!({ "script": script, "args": args.clone() })),
                )
                .await
            {
                Ok(value) => value,
                // An element passed in was replaced meanwhile: not there yet.
                Err(answer) if is_stale(&answer) => Value::Null,
                Err(answer) => panic!("WebDriver refused a script: {answer}"),
            };
            if !value.is_null() && value != Value::Bool(false) {
                return value;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "waited {PATIENCE:?} for {what}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element matching `css`, once there is one.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.locate(Locator {
            script: "return document.querySelector(arguments[0]);".into(),
            args: vec![json!(css)],
        })
        .await
    }

    /// The last element matching `css` whose text contains `text`, once there is one.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Element {
        self.locate(Locator {
            script: "const all = [...document.querySelectorAll(arguments[0])]\
                    .filter(e => e.textContent.includes(arguments[1]));\
                 return all.length ? all[all.length - 1] : null;"
                .into(),
            args: vec![json!(css), json!(text)],
        })
        .await
    }

    /// Inside `scope`, the first element matching `css` whose text contains `text` (`scope` is
    /// found again the way it was found, should the page have replaced it).
    pub async fn wait_for_text_in(&self, scope: &Element, css: &str, text: &str) -> Element {
        let (scope_script, scope_args) = match &scope.1 {
            Some(locator) => (locator.script.clone(), json!(locator.args)),
            None => ("return arguments[0];".to_owned(), json!([scope.json()])),
        };
        self.locate(Locator {
            script: format!(
                "const scope = (function() {{ {scope_script} }}).apply(null, arguments[0]);\
                 if (!scope) return null;\
                 return [...scope.querySelectorAll(arguments[1])]\
                    .find(e => e.textContent.includes(arguments[2])) || null;"
            ),
            args: vec![scope_args, json!(css), json!(text)],
        })
        .await
    }

    /// Clicks `element` as a person would (scrolled into view, the real mouse events).
    pub async fn click(&self, element: &Element) {
        self.on_element(element, "click", json!({})).await;
    }

    /// Types `text` into `element` as key presses (`\u{E008}` holds Shift, `\u{E007}` is
    /// Enter, `\u{E000}` releases the modifiers).
    pub async fn type_into(&self, element: &Element, text: &str) {
        self.on_element(element, "value", json!({ "text": text }))
            .await;
    }

    /// Sets the file input `element` to the file at `path` (the page's file picker).
    pub async fn choose_file(&self, element: &Element, path: &Path) {
        self.type_into(element, &path.display().to_string()).await;
    }

    /// Saves a screenshot of the window as `<folder>/<name>.png`; returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let encoded = self
            .command(reqwest::Method::GET, "/screenshot", None)
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("base64 text"))
            .expect("a base64 PNG");
        let path = self.screenshots.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("writing the screenshot");
        path
    }

    /// Where the screenshots go.
    pub fn screenshots(&self) -> &Path {
        &self.screenshots
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ends the browser, then the driver (a blocking client: drop may run outside a runtime).
        if !self.session.is_empty() {
            let _ = std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        let runtime = tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()
                            .ok()?;
                        runtime.block_on(async {
                            reqwest::Client::new()
                                .delete(&self.session)
                                .timeout(Duration::from_secs(5))
                                .send()
                                .await
                                .ok()
                        })
                    })
                    .join()
            });
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `target/screenshots/<folder>/`, created (the build's target folder, or `CARGO_TARGET_DIR`).
fn screenshot_folder(folder: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .expect("the workspace folder")
                .join("target")
        });
    let path = target.join("screenshots").join(folder);
    std::fs::create_dir_all(&path).expect("the screenshot folder");
    path
}
