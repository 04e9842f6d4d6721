//! The seed's media company (section 24): video metadata (JSON, nested),
//! user interactions (JSON Lines) and image analysis results (JSON), shaped
//! exactly like the seed's examples. Note that videos carry
//! `upload_timestamp`, not the `upload_date` the seed's Athena query names.

use serde_json::{json, Value};

use crate::base::rng::Rng;

/// Interactions are capped so the JSONL stays browser-sized (~70 MB).
pub const MAX_EVENTS: u64 = 200_000;

const TITLES: [&str; 8] = [
    "Sample Video",
    "Phở Hà Nội: a street food tour",
    "Top 10 \"viral\" moments",
    "Học lập trình Rust",
    "Comedy night, episode",
    "Travel vlog: Đà Lạt",
    "Cooking with grandma",
    "Tech review",
];
const TAGS: [&str; 8] = [
    "entertainment",
    "comedy",
    "viral",
    "food",
    "travel",
    "education",
    "music",
    "tech",
];
const CATEGORIES: [&str; 5] = ["Entertainment", "Education", "Food", "Travel", "Technology"];
const EVENTS: [(&str, u64); 6] = [
    ("video_play", 40),
    ("video_pause", 20),
    ("video_seek", 15),
    ("video_complete", 10),
    ("like", 10),
    ("share", 5),
];
const DEVICES: [(&str, &str, &str, &str); 4] = [
    ("mobile", "iOS", "17.2", "414x896"),
    ("mobile", "Android", "14", "412x915"),
    ("desktop", "Windows", "11", "1920x1080"),
    ("tv", "Tizen", "7.0", "3840x2160"),
];
const PLACES: [(&str, &str); 5] = [
    ("Vietnam", "Ho Chi Minh City"),
    ("Vietnam", "Hà Nội"),
    ("Vietnam", "Đà Nẵng"),
    ("Singapore", "Singapore"),
    ("United States", "Seattle"),
];

pub struct MediaSizes {
    pub events: u64,
    pub videos: u64,
    pub users: u64,
    pub images: u64,
}

impl MediaSizes {
    pub fn for_events(events: u64) -> MediaSizes {
        let events = events.clamp(10, MAX_EVENTS);
        MediaSizes {
            events,
            videos: (events / 50).clamp(5, 2_000),
            users: (events / 20).clamp(5, 20_000),
            images: (events / 100).clamp(3, 500),
        }
    }
}

/// `(file name, contents)` for the three files.
pub fn files(seed: u64, events: u64) -> Vec<(String, Vec<u8>)> {
    let sizes = MediaSizes::for_events(events);
    vec![
        ("video_metadata.json".into(), json_array(videos(seed, &sizes))),
        ("user_interactions.jsonl".into(), json_lines(interactions(seed, &sizes))),
        ("image_analysis.json".into(), json_array(images(seed, &sizes))),
    ]
}

fn json_array(values: Vec<Value>) -> Vec<u8> {
    Value::Array(values).to_string().into_bytes()
}

fn json_lines(values: Vec<Value>) -> Vec<u8> {
    let mut out = String::new();
    for v in values {
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

/// `2024-01-DD` + `THH:MM:SS` for a second offset into January 2024.
fn timestamp(second: u64) -> String {
    let day = second / 86_400;
    let s = second % 86_400;
    format!(
        "2024-01-{:02}T{:02}:{:02}:{:02}Z",
        day % 31 + 1,
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

fn videos(seed: u64, sizes: &MediaSizes) -> Vec<Value> {
    let mut rng = Rng::fork(seed, "videos");
    (0..sizes.videos)
        .map(|i| {
            let views = rng.skewed(2_000_000) + 100;
            let likes = views * rng.range(1, 12) as u64 / 100;
            let title = rng.pick(&TITLES);
            let tags: Vec<&str> = (0..rng.range(1, 3)).map(|_| *rng.pick(&TAGS)).collect();
            json!({
                "video_id": format!("vid_{:05}", 12345 + i),
                "title": format!("{title} {}", i + 1),
                "duration_seconds": rng.range(30, 3600),
                "resolution": *rng.pick(&["1920x1080", "1280x720", "3840x2160"]),
                "file_size_mb": rng.range(10, 4096),
                "upload_timestamp": timestamp(rng.below(31 * 86_400)),
                "category": *rng.pick(&CATEGORIES),
                "creator_id": format!("creator_{:03}", rng.below(50)),
                "tags": tags,
                "thumbnail_url": format!("s3://media-assets/thumbnails/vid_{:05}.jpg", 12345 + i),
                "transcription": {
                    "language": *rng.pick(&["en", "vi"]),
                    "confidence": (rng.range(70, 99) as f64) / 100.0,
                    "segments": [
                        {"start": 0, "end": 5, "text": "Welcome to our show"},
                        {"start": 5, "end": 10, "text": "Today we will discuss..."}
                    ]
                },
                "analytics": {
                    "views": views,
                    "likes": likes,
                    "comments": likes / rng.range(5, 20) as u64,
                    "shares": likes / rng.range(3, 10) as u64
                }
            })
        })
        .collect()
}

fn interactions(seed: u64, sizes: &MediaSizes) -> Vec<Value> {
    let mut rng = Rng::fork(seed, "interactions");
    let span = 31 * 86_400;
    (0..sizes.events)
        .map(|i| {
            let (device, os, version, screen) = *rng.pick(&DEVICES);
            let (country, city) = *rng.pick(&PLACES);
            let user = rng.skewed(sizes.users);
            json!({
                "timestamp": timestamp(i * span / sizes.events),
                "user_id": format!("user_{:04}", 789 + user),
                "session_id": format!("sess_{:06x}", rng.below(1 << 24)),
                "event_type": *rng.weighted(&EVENTS),
                "video_id": format!("vid_{:05}", 12345 + rng.skewed(sizes.videos)),
                "position_seconds": rng.range(0, 3600),
                "device_info": {"type": device, "os": os, "version": version, "screen_size": screen},
                "location": {
                    "country": country,
                    "city": city,
                    "ip_address": format!("203.162.{}.xxx", rng.below(256))
                }
            })
        })
        .collect()
}

fn images(seed: u64, sizes: &MediaSizes) -> Vec<Value> {
    let mut rng = Rng::fork(seed, "images");
    (0..sizes.images)
        .map(|i| {
            let objects: Vec<Value> = (0..rng.range(1, 3))
                .map(|_| {
                    let x = rng.range(0, 400);
                    let y = rng.range(0, 300);
                    json!({
                        "object": *rng.pick(&["person", "car", "dog", "bicycle", "phone"]),
                        "confidence": (rng.range(60, 99) as f64) / 100.0,
                        "bbox": [x, y, x + rng.range(50, 200), y + rng.range(50, 250)]
                    })
                })
                .collect();
            let faces = rng.range(0, 3);
            let emotions: Vec<Value> = (0..faces)
                .map(|_| json!({"emotion": *rng.pick(&["happy", "surprised", "neutral", "sad"]), "confidence": (rng.range(50, 99) as f64) / 100.0}))
                .collect();
            json!({
                "image_id": format!("img_{:05}", 67890 + i),
                "analysis_timestamp": timestamp(rng.below(31 * 86_400)),
                "detected_objects": objects,
                "facial_recognition": {"faces_detected": faces, "emotions": emotions},
                "text_extraction": {
                    "detected_text": *rng.pick(&["SALE 50% OFF", "KHUYẾN MÃI", "", "OPEN 24/7"]),
                    "language": "en",
                    "confidence": (rng.range(60, 99) as f64) / 100.0
                },
                "content_moderation": {
                    "safe_for_work": !rng.chance(20),
                    "violence_score": (rng.range(0, 10) as f64) / 100.0,
                    "adult_content_score": (rng.range(0, 5) as f64) / 100.0
                }
            })
        })
        .collect()
}
