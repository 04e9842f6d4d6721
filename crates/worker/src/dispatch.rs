//! What the engine does for each request, whatever carries it. The worker
//! posts the progress this reports and the one [`Response`] it returns;
//! files come through [`Files`], so it is plain Rust, tested natively.

use std::panic::{catch_unwind, AssertUnwindSafe};

use dataplay_api::lake::{Ingest, LakeAction};
use dataplay_api::{Answer, Ask, FileResult, Problem, Progress, Request, Response, SourceLoad, SourceRef, Stage};
use dataplay_engine::base::clock::Clock;
use dataplay_engine::load::{check_room, check_size, DEFAULT_MAX_FILE_BYTES};
use dataplay_engine::Workspace;

/// The files posted with a request.
pub trait Files {
    /// How many files were posted.
    fn count(&self) -> usize;
    /// The n-th file's name and size in bytes, if it was posted.
    fn describe(&self, index: usize) -> Option<(String, u64)>;
    /// The n-th file's bytes; `progress(done)` as they arrive.
    fn read(&self, index: usize, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, Problem>;
}

/// A request's answer, and the bytes of the file it made (an export).
#[derive(Debug)]
pub struct Outcome {
    pub response: Response,
    pub file: Option<Vec<u8>>,
}

/// Answer `request`: exactly one response, whatever happens inside (a
/// panic, where the build unwinds, fails this request alone).
pub fn handle(
    workspace: &mut Workspace,
    request: Request,
    files: &dyn Files,
    clock: Clock,
    progress: &mut dyn FnMut(Progress),
) -> Outcome {
    let id = request.id;
    let run = catch_unwind(AssertUnwindSafe(|| {
        answer(workspace, request.body, files, clock, progress)
    }));
    let (body, file) = run.unwrap_or_else(|payload| {
        let detail = dataplay_engine::error::panic_message(payload.as_ref());
        (Answer::Failed(Problem::Crashed { detail }), None)
    });
    Outcome {
        response: Response { id, body },
        file,
    }
}

fn failed(e: dataplay_engine::error::EngineError) -> Answer {
    Answer::Failed(e.problem())
}

fn answer(
    workspace: &mut Workspace,
    ask: Ask,
    files: &dyn Files,
    clock: Clock,
    progress: &mut dyn FnMut(Progress),
) -> (Answer, Option<Vec<u8>>) {
    let body = match ask {
        Ask::Load {
            sources,
            max_file_bytes,
        } => Answer::Loaded(load(workspace, &sources, files, max_file_bytes, progress)),
        Ask::Reload { dataset, options } => {
            progress(Progress::at(Stage::Rereading {
                dataset: dataset.clone(),
            }));
            match workspace.reload(&dataset, &options) {
                Ok(summary) => Answer::Loaded(vec![SourceLoad {
                    source: 0,
                    datasets: vec![summary],
                    error: None,
                }]),
                Err(e) => failed(e),
            }
        }
        Ask::Rows { dataset, start, len } => match workspace.rows(&dataset, start, len) {
            Ok(window) => Answer::Rows(window),
            Err(e) => failed(e),
        },
        Ask::Remove { dataset } => {
            workspace.remove(&dataset);
            Answer::Removed { dataset }
        }
        Ask::Cap(request) => {
            let started = clock();
            match dataplay_engine::cap::view::compare(&request) {
                Ok(comparison) => Answer::Cap {
                    comparison: Box::new(comparison),
                    elapsed_ms: clock() - started,
                },
                Err(unknown) => Answer::Failed(Problem::UnknownScenario { scenario: unknown.0 }),
            }
        }
        Ask::Etl(params) => {
            progress(Progress::at(Stage::RunningEtl));
            match workspace.run_etl(&params, clock) {
                Ok((report, datasets)) => Answer::Etl {
                    report: Box::new(report),
                    datasets,
                },
                Err(e) => failed(e),
            }
        }
        Ask::Lake(action) => {
            progress(Progress::at(Stage::Lake));
            match workspace.run_lake(&action, clock) {
                Ok((view, datasets)) => Answer::Lake {
                    action: Box::new(action),
                    view: Box::new(view),
                    datasets,
                },
                Err(e) => failed(e),
            }
        }
        Ask::Ingest(Ingest { zone, dataset, day }) => ingest(workspace, &zone, &dataset, &day, files, clock, progress),
        Ask::Export { dataset, format } => match workspace.export(&dataset, format) {
            Ok(bytes) => {
                let body = Answer::Exported {
                    file_name: format!("{}.{}", dataset.replace(':', "_"), format.extension()),
                    mime: format.mime().into(),
                };
                return (body, Some(bytes));
            }
            Err(e) => failed(e),
        },
        Ask::ExportPipeline(pipeline) => match dataplay_engine::codegen::pipeline(&pipeline) {
            Ok(file) => {
                let body = Answer::Exported {
                    file_name: file.file_name,
                    mime: file.mime.into(),
                };
                return (body, Some(file.text.into_bytes()));
            }
            Err(e) => failed(e),
        },
        Ask::SaveState => match workspace.save_state() {
            Ok(bytes) => {
                let body = Answer::Saved {
                    bytes: bytes.len() as u64,
                };
                return (body, Some(bytes));
            }
            Err(e) => failed(e),
        },
        Ask::LoadState => load_state(workspace, files, clock, progress),
        Ask::Grade {
            exercise,
            dataset,
            expected,
        } => match workspace.frame(&dataset) {
            Ok(frame) => match dataplay_engine::grade::grade(frame, &expected) {
                Ok(verdict) => Answer::Graded { exercise, verdict },
                Err(e) => failed(e),
            },
            // Not made yet: a verdict, not an error.
            Err(_) => Answer::Graded {
                exercise,
                verdict: dataplay_api::exercise::TableVerdict::Missing { dataset },
            },
        },
        Ask::Fingerprint { dataset, decimals } => {
            match workspace
                .frame(&dataset)
                .and_then(|f| dataplay_engine::grade::fingerprint(f, decimals))
            {
                Ok(print) => Answer::Fingerprinted(print),
                Err(e) => failed(e),
            }
        }
    };
    (body, None)
}

/// The kept lake and warehouse, from the one file posted.
fn load_state(
    workspace: &mut Workspace,
    files: &dyn Files,
    clock: Clock,
    progress: &mut dyn FnMut(Progress),
) -> Answer {
    let Some((name, _)) = files.describe(0) else {
        return Answer::Failed(Problem::FileMissing { file: String::new() });
    };
    progress(Progress::at(Stage::Lake));
    let read = read(files, 0, &name, DEFAULT_MAX_FILE_BYTES, &mut |_, _| {});
    let loaded = read.and_then(|bytes| workspace.load_state(&name, &bytes).map_err(|e| e.problem()));
    match loaded.and_then(|(keyed, declared)| {
        let (view, _) = workspace.run_lake(&LakeAction::List, clock).map_err(|e| e.problem())?;
        Ok(Answer::StateLoaded {
            view: Box::new(view),
            keyed,
            declared,
        })
    }) {
        Ok(answer) => answer,
        Err(problem) => Answer::Failed(problem),
    }
}

fn load(
    workspace: &mut Workspace,
    sources: &[SourceRef],
    files: &dyn Files,
    max_file_bytes: u64,
    progress: &mut dyn FnMut(Progress),
) -> Vec<SourceLoad> {
    let steps = sources.len();
    let mut results = Vec::with_capacity(steps);
    for (n, source) in sources.iter().enumerate() {
        let step = |stage: Stage| Progress {
            stage,
            step: n + 1,
            steps,
            done: None,
            total: None,
        };
        let loaded = match source {
            SourceRef::Sample(spec) => {
                progress(step(Stage::Generating { sample: *spec }));
                workspace.load_sample(spec).map_err(|e| e.problem())
            }
            SourceRef::File { index, name, options } => {
                read(files, *index, name, max_file_bytes, &mut |done, total| {
                    progress(Progress {
                        done: Some(done),
                        total: Some(total),
                        ..step(Stage::Reading { file: name.clone() })
                    })
                })
                .and_then(|bytes| {
                    progress(step(Stage::Parsing { file: name.clone() }));
                    workspace
                        .load_file(name, bytes, options)
                        .map(|summary| vec![summary])
                        .map_err(|e| e.problem())
                })
            }
        };
        results.push(match loaded {
            Ok(datasets) => SourceLoad {
                source: n,
                datasets,
                error: None,
            },
            Err(error) => SourceLoad {
                source: n,
                datasets: vec![],
                error: Some(error),
            },
        });
    }
    results
}

/// A posted file's bytes, refused by name first when it is over the limit
/// or the engine has no room for it.
fn read(
    files: &dyn Files,
    index: usize,
    name: &str,
    limit: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<u8>, Problem> {
    let Some((_, size)) = files.describe(index) else {
        return Err(Problem::FileMissing { file: name.into() });
    };
    check_size(name, size, limit).map_err(|e| e.problem())?;
    check_room(name, size).map_err(|e| e.problem())?;
    progress(0, size);
    files.read(index, &mut |done| progress(done, size))
}

fn ingest(
    workspace: &mut Workspace,
    zone: &str,
    dataset: &str,
    day: &str,
    files: &dyn Files,
    clock: Clock,
    progress: &mut dyn FnMut(Progress),
) -> Answer {
    let steps = files.count();
    let mut results = Vec::with_capacity(steps);
    for index in 0..steps {
        let Some((name, _)) = files.describe(index) else {
            continue;
        };
        let outcome = read(files, index, &name, DEFAULT_MAX_FILE_BYTES, &mut |done, total| {
            progress(Progress {
                stage: Stage::Ingesting { file: name.clone() },
                step: index + 1,
                steps,
                done: Some(done),
                total: Some(total),
            })
        })
        .and_then(|bytes| {
            workspace
                .ingest(zone, dataset, day, &name, bytes)
                .map_err(|e| e.problem())
        });
        results.push(FileResult {
            file: name,
            error: outcome.err(),
        });
    }
    match workspace.run_lake(&LakeAction::List, clock) {
        Ok((view, _)) => Answer::Ingested {
            files: results,
            view: Box::new(view),
        },
        Err(e) => failed(e),
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::cap::CapRequest;
    use dataplay_api::etl::EtlParams;
    use dataplay_api::lake::{Ingest, LakeAction};
    use dataplay_api::{FileFormat, LoadOptions, PipelineExport, SampleKind, SampleSpec};

    use super::*;

    /// Files held in memory, as the browser would hand them over.
    struct Posted(Vec<(String, Vec<u8>)>);

    impl Files for Posted {
        fn count(&self) -> usize {
            self.0.len()
        }

        fn describe(&self, index: usize) -> Option<(String, u64)> {
            self.0
                .get(index)
                .map(|(name, bytes)| (name.clone(), bytes.len() as u64))
        }

        fn read(&self, index: usize, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, Problem> {
            let (_, bytes) = &self.0[index];
            progress(bytes.len() as u64);
            Ok(bytes.clone())
        }
    }

    fn clock() -> f64 {
        0.0
    }

    fn run(workspace: &mut Workspace, id: u64, body: Ask, files: &Posted) -> (Outcome, Vec<Progress>) {
        let mut seen = vec![];
        let outcome = handle(workspace, Request { id, body }, files, &clock, &mut |p| seen.push(p));
        (outcome, seen)
    }

    fn retail() -> SampleSpec {
        SampleSpec {
            kind: SampleKind::Retail,
            seed: 7,
            size: 200,
        }
    }

    /// One request of every kind (the match makes a new kind fail to
    /// compile here until it is added).
    fn every_kind() -> Vec<Ask> {
        let asks = vec![
            Ask::Load {
                sources: vec![SourceRef::Sample(retail())],
                max_file_bytes: 1_000_000,
            },
            Ask::Reload {
                dataset: "customers".into(),
                options: LoadOptions::default(),
            },
            Ask::Rows {
                dataset: "customers".into(),
                start: 0,
                len: 5,
            },
            Ask::Cap(CapRequest {
                scenario: "normal".into(),
                seed: 1,
                ..CapRequest::default()
            }),
            Ask::Etl(EtlParams::default()),
            Ask::Lake(LakeAction::List),
            Ask::Ingest(Ingest {
                zone: "raw".into(),
                dataset: "orders".into(),
                day: "2024-01-20".into(),
            }),
            Ask::Export {
                dataset: "customers".into(),
                format: FileFormat::Csv,
            },
            Ask::ExportPipeline(PipelineExport::EtlPostgres(EtlParams::default())),
            Ask::SaveState,
            Ask::Fingerprint {
                dataset: "customers".into(),
                decimals: 6,
            },
            Ask::Remove {
                dataset: "customers".into(),
            },
        ];
        for ask in &asks {
            match ask {
                Ask::Load { .. }
                | Ask::Reload { .. }
                | Ask::Rows { .. }
                | Ask::Remove { .. }
                | Ask::Cap(_)
                | Ask::Etl(_)
                | Ask::Lake(_)
                | Ask::Ingest(_)
                | Ask::Export { .. }
                | Ask::ExportPipeline(_)
                | Ask::SaveState
                | Ask::Grade { .. }
                | Ask::Fingerprint { .. } => {}
                // Needs a kept state posted: its own test below.
                Ask::LoadState => {}
            }
        }
        asks
    }

    #[test]
    fn a_kept_state_posted_back_brings_the_lake_back_and_a_wrong_file_is_named() {
        let mut workspace = Workspace::new();
        let none = Posted(vec![]);
        run(
            &mut workspace,
            1,
            Ask::Lake(LakeAction::LoadSample { seed: 3, events: 100 }),
            &none,
        );
        let (saved, _) = run(&mut workspace, 2, Ask::SaveState, &none);
        let kept = Posted(vec![("state.bin".into(), saved.file.unwrap())]);
        let mut fresh = Workspace::new();
        let (outcome, _) = run(&mut fresh, 3, Ask::LoadState, &kept);
        match outcome.response.body {
            Answer::StateLoaded { view, .. } => assert!(!view.files.is_empty()),
            other => panic!("{other:?}"),
        }
        let wrong = Posted(vec![("orders.csv".into(), b"id\n1\n".to_vec())]);
        let (outcome, _) = run(&mut fresh, 4, Ask::LoadState, &wrong);
        assert!(
            matches!(&outcome.response.body, Answer::Failed(p) if format!("{p:?}").contains("orders.csv")),
            "{:?}",
            outcome.response.body
        );
        let (outcome, _) = run(&mut fresh, 5, Ask::LoadState, &none);
        assert!(matches!(
            outcome.response.body,
            Answer::Failed(Problem::FileMissing { .. })
        ));
    }

    #[test]
    fn every_kind_of_request_gets_one_answer_with_its_id() {
        let mut workspace = Workspace::new();
        let files = Posted(vec![("orders.csv".into(), b"id,total\n1,2.5\n".to_vec())]);
        for (n, ask) in every_kind().into_iter().enumerate() {
            let id = 100 + n as u64;
            let kind = format!("{ask:?}");
            let exports = matches!(ask, Ask::Export { .. } | Ask::ExportPipeline(_) | Ask::SaveState);
            let (outcome, _) = run(&mut workspace, id, ask, &files);
            assert_eq!(outcome.response.id, id, "{kind}");
            assert_eq!(
                outcome.file.is_some_and(|f| !f.is_empty()),
                exports,
                "{kind}: the file's bytes"
            );
            assert!(
                !matches!(outcome.response.body, Answer::Failed(_)),
                "{kind}: {:?}",
                outcome.response.body
            );
        }
        // The same requests on an empty workspace fail as data, one answer each.
        let mut empty = Workspace::new();
        for ask in every_kind()
            .into_iter()
            .filter(|a| matches!(a, Ask::Rows { .. } | Ask::Export { .. }))
        {
            let (outcome, _) = run(&mut empty, 1, ask, &Posted(vec![]));
            assert_eq!(
                outcome.response.body,
                Answer::Failed(Problem::UnknownDataset {
                    dataset: "customers".into()
                })
            );
        }
    }

    #[test]
    fn a_load_answers_per_source_and_keeps_the_good_ones() {
        let mut workspace = Workspace::new();
        let files = Posted(vec![
            ("good.csv".into(), b"id,name\n1,a\n2,b\n".to_vec()),
            ("bad.json".into(), b"{\"a\": [1, 2".to_vec()),
        ]);
        let sources = vec![
            SourceRef::File {
                index: 0,
                name: "good.csv".into(),
                options: LoadOptions::default(),
            },
            SourceRef::File {
                index: 1,
                name: "bad.json".into(),
                options: LoadOptions::default(),
            },
            SourceRef::File {
                index: 2,
                name: "gone.csv".into(),
                options: LoadOptions::default(),
            },
            SourceRef::Sample(retail()),
        ];
        let (outcome, progress) = run(
            &mut workspace,
            9,
            Ask::Load {
                sources,
                max_file_bytes: 1_000_000,
            },
            &files,
        );
        let Answer::Loaded(results) = outcome.response.body else {
            panic!("{:?}", outcome.response.body)
        };
        assert_eq!(results.iter().map(|r| r.source).collect::<Vec<_>>(), [0, 1, 2, 3]);
        assert_eq!(results[0].datasets[0].name, "good");
        assert_eq!(results[0].datasets[0].rows, 2);
        assert_eq!(results[1].error.as_ref().and_then(Problem::file), Some("bad.json"));
        assert!(results[1].datasets.is_empty());
        // The error crosses as codes and parameters, not a sentence.
        let Some(Problem::FileAt {
            line, column, fault, ..
        }) = &results[1].error
        else {
            panic!("{:?}", results[1].error)
        };
        assert_eq!((*line, *column), (1, 11));
        assert!(
            matches!(fault.decode(), Some(dataplay_api::Fault::JsonSyntax { .. })),
            "{fault:?}"
        );
        let json = serde_json::to_value(&results[1].error).unwrap();
        assert_eq!(
            (json["code"].as_str(), json["fault"]["code"].as_str()),
            (Some("file_at"), Some("json_syntax"))
        );
        assert_eq!(
            results[2].error,
            Some(Problem::FileMissing {
                file: "gone.csv".into()
            })
        );
        assert!(
            results[3].datasets.len() >= 4,
            "the sample's tables come with their source"
        );
        assert!(results[3].datasets.iter().all(|d| d.format.is_none()));
        // Progress names each source and counts the bytes read.
        assert!(progress.contains(&Progress {
            stage: Stage::Reading {
                file: "good.csv".into()
            },
            step: 1,
            steps: 4,
            done: Some(16),
            total: Some(16),
        }));
        assert!(progress
            .iter()
            .any(|p| p.stage == Stage::Generating { sample: retail() } && p.step == 4));
        // The good tables are in the workspace, the bad file is not.
        let names: Vec<String> = workspace.summaries().into_iter().map(|d| d.name).collect();
        assert!(names.contains(&"good".to_string()) && !names.contains(&"bad".to_string()));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let mut workspace = Workspace::new();
        let files = Posted(vec![("big.csv".into(), vec![b'1'; 2000])]);
        let (outcome, progress) = run(
            &mut workspace,
            1,
            Ask::Load {
                sources: vec![SourceRef::File {
                    index: 0,
                    name: "big.csv".into(),
                    options: LoadOptions::default(),
                }],
                max_file_bytes: 1000,
            },
            &files,
        );
        let Answer::Loaded(results) = outcome.response.body else {
            panic!()
        };
        assert_eq!(
            results[0].error,
            Some(Problem::FileTooLarge {
                file: "big.csv".into(),
                size: 2000,
                limit: 1000
            })
        );
        assert!(progress.is_empty(), "nothing was read: {progress:?}");
    }

    #[test]
    fn an_ingest_answers_once_with_each_file_and_the_lake() {
        let mut workspace = Workspace::new();
        let files = Posted(vec![
            ("events.jsonl".into(), b"{\"a\":1}\n".to_vec()),
            ("broken.json".into(), b"{\"a\": [1".to_vec()),
        ]);
        let (outcome, _) = run(
            &mut workspace,
            4,
            Ask::Ingest(Ingest {
                zone: "raw".into(),
                dataset: "events".into(),
                day: "2024-01-20".into(),
            }),
            &files,
        );
        let Answer::Ingested { files, view } = outcome.response.body else {
            panic!("{:?}", outcome.response.body)
        };
        assert_eq!(files[0].error, None);
        assert_eq!(files[1].error.as_ref().and_then(Problem::file), Some("broken.json"));
        assert!(view.files.iter().any(|f| f.path.ends_with("/events.jsonl")));
    }

    #[test]
    fn a_panic_inside_a_request_fails_that_request_alone() {
        struct Exploding;
        impl Files for Exploding {
            fn count(&self) -> usize {
                1
            }
            fn describe(&self, _: usize) -> Option<(String, u64)> {
                Some(("boom.csv".into(), 3))
            }
            fn read(&self, _: usize, _: &mut dyn FnMut(u64)) -> Result<Vec<u8>, Problem> {
                panic!("the reader broke")
            }
        }
        let mut workspace = Workspace::new();
        let sources = vec![SourceRef::File {
            index: 0,
            name: "boom.csv".into(),
            options: LoadOptions::default(),
        }];
        let request = Request {
            id: 3,
            body: Ask::Load {
                sources,
                max_file_bytes: 1000,
            },
        };
        let outcome = handle(&mut workspace, request, &Exploding, &clock, &mut |_| {});
        assert_eq!(outcome.response.id, 3);
        assert_eq!(
            outcome.response.body,
            Answer::Failed(Problem::Crashed {
                detail: "the reader broke".into()
            })
        );
    }
}
