use server::{Application, StartupError, config::Config, leptos_options, telemetry};
use std::process::ExitCode;

// Rendering a page makes many small allocations on both worker threads; glibc's allocator spent
// a fifth of the server's time in malloc, free and their locks (measured with perf under
// scripts/bench). mimalloc's per-thread heaps avoid most of it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("atrium: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), StartupError> {
    let config = Config::from_env()?;
    tracing::info!(?config, "starting");
    let root_domain = config.root_domain.clone();
    let app = Application::build(config, leptos_options()?).await?;
    let addr = app.addr();
    tracing::info!("listening on http://{addr}");
    if std::env::var("ATRIUM_PRINT_WELCOME").is_ok_and(|v| v == "1") {
        println!("{}", server::welcome::banner(addr.port(), &root_domain));
    }
    app.run(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
