//! `dataplay serve`: the connector's HTTP API for the playground, a thin
//! shell over `dataplay_connector::serve`. The token comes from
//! DATAPLAY_TOKEN or a file of its own (created with a random token, mode
//! 0600); it is never printed — the playground reads it from that file's
//! owner, who pastes it in.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use dataplay_connector::lake::S3Config;
use dataplay_connector::serve::{self, ServeConfig};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// The playground's origin, allowed by CORS (repeatable).
    #[arg(long = "origin", default_values = ["http://127.0.0.1:8080", "http://localhost:8080"])]
    pub origins: Vec<String>,
    #[arg(long, value_name = "URL", env = "DATAPLAY_SOURCE_URL", hide_env_values = true)]
    pub source: Option<String>,
    #[arg(
        long,
        value_name = "URL",
        env = "DATAPLAY_WAREHOUSE_URL",
        hide_env_values = true,
        default_value = "sqlite:dataplay-warehouse.db"
    )]
    pub warehouse: String,
    #[arg(long, value_name = "s3://BUCKET/PREFIX|DIR", env = "DATAPLAY_LAKE")]
    pub lake: Option<String>,
    /// Default: ~/.config/dataplay/connector-token.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
}

fn default_token_file() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("dataplay").join("connector-token")
}

/// The token in `path`, or a new random one written there (0600).
fn token_from(path: &Path) -> Result<String> {
    if path.is_file() {
        let token = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(token.trim().to_string());
    }
    let mut bytes = [0u8; 24];
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("reading /dev/urandom for a token")?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options
        .open(path)
        .and_then(|mut f| f.write_all(token.as_bytes()))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(token)
}

pub fn run(args: Args) -> Result<()> {
    let token = match std::env::var("DATAPLAY_TOKEN").ok().filter(|t| !t.is_empty()) {
        Some(t) => {
            eprintln!("dataplay serve: token from DATAPLAY_TOKEN");
            t
        }
        None => {
            let path = args.token_file.clone().unwrap_or_else(default_token_file);
            let t = token_from(&path)?;
            eprintln!("dataplay serve: token in {}", path.display());
            t
        }
    };
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "dataplay serve: listening on {} — reachable from other machines; the token is all that guards it",
            args.listen
        );
    }
    let config = ServeConfig {
        listen: args.listen,
        token,
        origins: args.origins,
        source_url: args.source,
        warehouse_url: args.warehouse,
        lake: args.lake,
        s3: S3Config::from_env(),
        log: Arc::new(|line: &str| eprintln!("{line}")),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(serve::serve(config, |addr| {
        eprintln!("dataplay serve: http://{addr}/api (origins allowed: CORS list)");
    }))?;
    Ok(())
}
