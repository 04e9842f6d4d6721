//! The tables a user is looking at, by name, and the actions on them (loads,
//! samples, ETL runs, lake actions) handed to the modules that do them. A
//! load either fully succeeds and adds (or replaces) a table, or fails and
//! leaves the workspace as it was.

use std::sync::Arc;

use dataplay_api::{DatasetSummary, Fault, LoadOptions, Origin, RowsWindow, SampleSpec};
use polars_core::prelude::DataFrame;

use crate::base::clock::Clock;
use crate::error::{EngineError, Result};
use crate::load;
use crate::preview;
use crate::profile::{self, Provenance};
use crate::samples;
use crate::warehouse::Warehouse;
use dataplay_api::etl::{EtlParams, EtlReport};
use dataplay_api::lake::{LakeAction, LakeView};

fn media_max_events() -> u64 {
    crate::samples::media::MAX_EVENTS
}

/// A loaded table and what is needed to re-read it with other options.
pub struct Dataset {
    pub summary: DatasetSummary,
    pub frame: DataFrame,
    /// The file's bytes, kept so a column can be re-read as text without the
    /// user uploading the file again. `None` for generated tables.
    original: Option<Arc<[u8]>>,
}

#[derive(Default)]
pub struct Workspace {
    datasets: Vec<Dataset>,
    /// The ETL module's warehouse; its tables show as `dw:<table>` datasets.
    warehouse: Warehouse,
    /// The Lake & Warehouse module's lake (files in zones).
    lake: crate::lake::Lake,
}

/// What the kept state's `version` says today; another is not read.
const STATE_VERSION: u32 = 1;

/// The header of the kept state: the warehouse's tables (the lake's files
/// are the parts named `lake/<path>`).
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptState {
    version: u32,
    warehouse: crate::warehouse::keep::Kept,
}

/// Prefix of the datasets an ETL run writes (stage outputs) …
pub const ETL_PREFIX: &str = "etl:";
/// … and of the warehouse's tables.
pub const WAREHOUSE_PREFIX: &str = "dw:";

/// A dataset's name: its file name without directory or extension.
pub fn dataset_name(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn summaries(&self) -> Vec<DatasetSummary> {
        self.datasets.iter().map(|d| d.summary.clone()).collect()
    }

    pub fn get(&self, name: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.summary.name == name)
    }

    pub fn frame(&self, name: &str) -> Result<&DataFrame> {
        self.get(name)
            .map(|d| &d.frame)
            .ok_or_else(|| EngineError::UnknownDataset(name.to_string()))
    }

    /// Read a file and add it under its name (replacing a table of that name).
    pub fn load_file(&mut self, file: &str, bytes: Vec<u8>, options: &LoadOptions) -> Result<DatasetSummary> {
        self.read_into(Origin::File { file: file.to_string() }, bytes.into(), options)
    }

    /// Read the file `origin` names (an upload, a sample's file).
    fn read_into(&mut self, origin: Origin, bytes: Arc<[u8]>, options: &LoadOptions) -> Result<DatasetSummary> {
        let file = origin.file().unwrap_or_default().to_string();
        let loaded = load::load(&file, &bytes, options)?;
        let name = dataset_name(&file);
        let summary = profile::summarize(
            &name,
            &loaded.frame,
            Provenance {
                source: origin,
                format: Some(loaded.format),
                options: &loaded.options,
                bytes: bytes.len(),
                notes: loaded.notes,
            },
        );
        self.put(Dataset {
            summary: summary.clone(),
            frame: loaded.frame,
            original: Some(bytes),
        });
        Ok(summary)
    }

    /// Re-read a loaded file with new options; on error the old table stays.
    pub fn reload(&mut self, name: &str, options: &LoadOptions) -> Result<DatasetSummary> {
        let dataset = self
            .get(name)
            .ok_or_else(|| EngineError::UnknownDataset(name.to_string()))?;
        let source = dataset.summary.source.clone();
        match dataset.original.clone() {
            Some(bytes) => self.read_into(source, bytes, options),
            None => {
                // Generated tables have no file: forcing text is a cast.
                let frame =
                    load::shape::cast_to_text(dataset.frame.clone(), &options.text_columns).map_err(|e| match e {
                        EngineError::UnknownColumn { column, .. } => EngineError::UnknownColumn {
                            dataset: name.to_string(),
                            column,
                        },
                        other => other,
                    })?;
                let mut summary = profile::summarize(
                    name,
                    &frame,
                    Provenance {
                        source,
                        format: None,
                        options,
                        bytes: 0,
                        notes: dataset.summary.notes.clone(),
                    },
                );
                summary.format = dataset.summary.format;
                self.put(Dataset {
                    summary: summary.clone(),
                    frame,
                    original: None,
                });
                Ok(summary)
            }
        }
    }

    /// Generate a built-in sample and add its tables.
    pub fn load_sample(&mut self, spec: &SampleSpec) -> Result<Vec<DatasetSummary>> {
        let sample = |file| Origin::Sample { spec: *spec, file };
        let mut summaries = Vec::new();
        for table in samples::generate(spec)? {
            let summary = match table {
                samples::Table::Frame { name, frame } => self.publish(&name, frame, sample(None)),
                samples::Table::File { file_name, bytes } => {
                    self.read_into(sample(Some(file_name)), bytes.into(), &LoadOptions::default())?
                }
            };
            summaries.push(summary);
        }
        Ok(summaries)
    }

    /// Run the ETL pipeline on this workspace's source tables (matched by
    /// name), load its warehouse, and show every stage's output as an
    /// `etl:<stage>` dataset and each warehouse table as `dw:<table>`.
    pub fn run_etl(&mut self, params: &EtlParams, clock: Clock) -> Result<(EtlReport, Vec<DatasetSummary>)> {
        let datasets = &self.datasets;
        let source = |name: &str| datasets.iter().find(|d| d.summary.name == name).map(|d| &d.frame);
        let output = crate::etl::run(&source, params, &mut self.warehouse, clock)?;
        let mut summaries: Vec<DatasetSummary> = output
            .tables
            .into_iter()
            .map(|(name, frame)| self.publish(&format!("{ETL_PREFIX}{name}"), frame, Origin::EtlStage))
            .collect();
        summaries.extend(self.publish_keyed());
        Ok((output.report, summaries))
    }

    /// A dataset written out as CSV, JSON, JSON Lines or Parquet.
    pub fn export(&self, name: &str, format: dataplay_api::FileFormat) -> Result<Vec<u8>> {
        let mut frame = self.frame(name)?.clone();
        crate::write::to_bytes(&mut frame, format)
    }

    pub fn rows(&self, name: &str, start: usize, len: usize) -> Result<RowsWindow> {
        let frame = self.frame(name)?;
        Ok(RowsWindow {
            dataset: name.to_string(),
            start,
            rows: preview::window(frame, start, len),
        })
    }

    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.datasets.len();
        self.datasets.retain(|d| d.summary.name != name);
        self.datasets.len() != before
    }

    /// Show a table with no file behind it (generated, or derived) as a dataset.
    fn publish(&mut self, name: &str, frame: DataFrame, source: Origin) -> DatasetSummary {
        let summary = profile::summarize(
            name,
            &frame,
            Provenance {
                source,
                format: None,
                options: &LoadOptions::default(),
                bytes: 0,
                notes: vec![],
            },
        );
        self.put(Dataset {
            summary: summary.clone(),
            frame,
            original: None,
        });
        summary
    }

    /// Ingest a file into the lake as it is (the format is checked by
    /// reading it, so a broken file is refused with its line and column).
    pub fn ingest(&mut self, zone: &str, dataset: &str, day: &str, file: &str, bytes: Vec<u8>) -> Result<String> {
        let days = crate::base::calendar::parse_date(day)
            .ok_or_else(|| EngineError::file(file, Fault::IngestDay { day: day.into() }))?;
        if dataset.is_empty() || !dataset.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return Err(EngineError::file(file, Fault::IngestDatasetName));
        }
        load::load(file, &bytes, &LoadOptions::default())?;
        let (y, m, d) = crate::base::calendar::civil(days);
        self.lake.ingest(zone, dataset, (y, m, d), file, bytes)
    }

    /// The Lake & Warehouse module: ingest, Glue jobs, SQL over the lake or
    /// the warehouse (the same warehouse the ETL loads). Query results show
    /// as `sql:lake` / `sql:warehouse`, declared tables as `dw:<table>`.
    pub fn run_lake(&mut self, action: &LakeAction, clock: Clock) -> Result<(LakeView, Vec<DatasetSummary>)> {
        use crate::lake::{glue, media, query};
        let started = clock();
        let mut view = LakeView::default();
        let mut datasets = vec![];
        match action {
            LakeAction::List => {}
            LakeAction::LoadSample { seed, events } => {
                media::ingest_sample(&mut self.lake, *seed, (*events).clamp(10, media_max_events()))?;
            }
            LakeAction::Prepare(start) => {
                // Built aside and put in place whole: a failure changes nothing.
                let mut lake = crate::lake::Lake::new();
                media::ingest_sample(&mut lake, start.seed, start.events.clamp(10, media_max_events()))?;
                for job in media::glue_jobs().iter().filter(|j| start.jobs.contains(&j.name)) {
                    glue::run(&mut lake, job)?;
                }
                // The exercise's declared tables start afresh (the ETL's stay).
                let mut warehouse = self.warehouse.clone();
                warehouse.forget_declared();
                if start.warehouse_script {
                    let out = crate::warehouse::console::run(&mut warehouse, &lake, media::WAREHOUSE_SQL)?;
                    view.steps = out.steps;
                }
                self.lake = lake;
                self.warehouse = warehouse;
                self.datasets.retain(|d| !d.summary.name.starts_with("sql:"));
                datasets.extend(self.publish_declared());
            }
            LakeAction::Glue { job } => {
                view.glue = Some(glue::run(&mut self.lake, job)?);
            }
            LakeAction::LakeSql { sql, tables } => {
                let lake = &self.lake;
                let read = |f: &crate::lake::scan::FileRef| lake.read(f);
                // The named tables, then every other dataset of the lake by
                // its name (`raw/orders` is `orders`; the first zone wins).
                let mut named: Vec<(String, String)> = tables.clone();
                for dataset in lake.datasets() {
                    let name = dataset.rsplit('/').next().unwrap_or(&dataset).replace('-', "_");
                    if !named.iter().any(|(n, d)| *n == name || *d == dataset) {
                        named.push((name, dataset));
                    }
                }
                let tables: Vec<query::LakeTable> = named
                    .iter()
                    .map(|(name, dataset)| {
                        Ok(query::LakeTable {
                            name: name.clone(),
                            files: lake.dataset_files(dataset)?,
                        })
                    })
                    .collect::<Result<_>>()?;
                let answer = query::run(&tables, sql, &LoadOptions::default(), &read)?;
                view.scans = answer.scans;
                view.result_rows = answer.frame.height();
                view.result = Some("sql:lake".into());
                datasets.push(self.publish("sql:lake", answer.frame, Origin::LakeSql));
            }
            LakeAction::WarehouseSql { sql } => {
                let out = crate::warehouse::console::run(&mut self.warehouse, &self.lake, sql)?;
                view.steps = out.steps;
                if let Some(rows) = out.rows {
                    view.result_rows = rows.height();
                    view.result = Some("sql:warehouse".into());
                    datasets.push(self.publish("sql:warehouse", rows, Origin::WarehouseSql));
                }
                datasets.extend(self.publish_declared());
            }
        }
        view.millis = clock() - started;
        view.files = self.lake.list("");
        view.jobs = media::glue_jobs();
        view.warehouse_sql = media::WAREHOUSE_SQL.to_string();
        view.lake_sql = media::LAKE_SQL.to_string();
        view.lake_tables = media::lake_tables();
        view.declared = crate::warehouse::view::declared_tables(&self.warehouse);
        Ok((view, datasets))
    }

    /// The lake and the warehouse as one file (`dataplay_api::archive`),
    /// for the page to keep and [`Workspace::load_state`] to read back. The
    /// user's own tables are not in it: the page keeps their files.
    pub fn save_state(&self) -> Result<Vec<u8>> {
        let mut owned = Vec::new();
        let warehouse = self.warehouse.keep(&mut owned)?;
        let lake: Vec<(String, Arc<[u8]>)> = self
            .lake
            .list("")
            .into_iter()
            .filter_map(|f| Some((format!("lake/{}", f.path), self.lake.get(&f.path)?.clone())))
            .collect();
        let parts: Vec<(String, &[u8])> = lake
            .iter()
            .map(|(n, b)| (n.clone(), &b[..]))
            .chain(owned.iter().map(|(n, b)| (n.clone(), b.as_slice())))
            .collect();
        let meta = KeptState {
            version: STATE_VERSION,
            warehouse,
        };
        Ok(dataplay_api::archive::pack(&meta, &parts))
    }

    /// Replace the lake and the warehouse with those `bytes` hold (written
    /// by [`Workspace::save_state`]); all or nothing: a file that cannot be
    /// read leaves both as they were. Returns the tables it brings back as
    /// datasets: the ETL's warehouse tables, then the declared ones.
    pub fn load_state(&mut self, file: &str, bytes: &[u8]) -> Result<(Vec<DatasetSummary>, Vec<DatasetSummary>)> {
        let bad = |detail: String| EngineError::file(file, Fault::NotAWorkspace { detail });
        let (meta, parts) = dataplay_api::archive::unpack::<KeptState>(bytes).map_err(|e| bad(e.to_string()))?;
        if meta.version != STATE_VERSION {
            return Err(bad(format!(
                "version {} (this build reads {STATE_VERSION})",
                meta.version
            )));
        }
        let warehouse = Warehouse::kept(meta.warehouse, &parts).map_err(|e| bad(e.to_string()))?;
        let mut lake = crate::lake::Lake::new();
        for (name, bytes) in &parts {
            if let Some(path) = name.strip_prefix("lake/") {
                lake.put(path, bytes.to_vec()).map_err(|e| bad(e.to_string()))?;
            }
        }
        self.lake = lake;
        self.warehouse = warehouse;
        self.datasets.retain(|d| !d.summary.name.starts_with(WAREHOUSE_PREFIX));
        Ok((self.publish_keyed(), self.publish_declared()))
    }

    /// The warehouse's keyed tables (the ETL's MERGE targets) as `dw:` datasets.
    fn publish_keyed(&mut self) -> Vec<DatasetSummary> {
        let tables: Vec<(String, DataFrame)> = self
            .warehouse
            .tables()
            .map(|(n, t)| (format!("{WAREHOUSE_PREFIX}{n}"), t.frame.clone()))
            .collect();
        tables
            .into_iter()
            .map(|(name, frame)| self.publish(&name, frame, Origin::WarehouseTable))
            .collect()
    }

    /// The declared tables and `stl_load_errors` as `dw:` datasets.
    fn publish_declared(&mut self) -> Vec<DatasetSummary> {
        let tables: Vec<(String, DataFrame)> = self
            .warehouse
            .declared_tables()
            .map(|(n, d)| (format!("{WAREHOUSE_PREFIX}{n}"), d.frame.clone()))
            .chain([(
                format!("{WAREHOUSE_PREFIX}stl_load_errors"),
                self.warehouse.load_errors(),
            )])
            .collect();
        tables
            .into_iter()
            .map(|(name, frame)| self.publish(&name, frame, Origin::WarehouseTable))
            .collect()
    }

    /// Add a table, replacing one of the same name in place.
    fn put(&mut self, dataset: Dataset) {
        match self
            .datasets
            .iter_mut()
            .find(|d| d.summary.name == dataset.summary.name)
        {
            Some(slot) => *slot = dataset,
            None => self.datasets.push(dataset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_directories_and_extensions() {
        assert_eq!(dataset_name("data/transactions.csv"), "transactions");
        assert_eq!(dataset_name("C:\\x\\a.b.parquet"), "a.b");
        assert_eq!(dataset_name("README"), "README");
        assert_eq!(dataset_name(".csv"), ".csv");
    }
}
