//! A 64-bit hash of each row's values, column by column: the warehouse's
//! MERGE tells an updated row from an unchanged one by it (exact values),
//! and an exercise compares a learner's table with the expected one by it
//! (numbers compared as numbers, to a number of decimals).

use polars_core::prelude::*;

use crate::error::{EngineError, Result};

/// How numbers are hashed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Numbers {
    /// Integers as integers, floats by their bits: `1` and `1.0` differ.
    Exact,
    /// Every number as a float rounded to this many decimals: `1`, `1.0`
    /// and `1.0000001` (at 6) are the same value.
    Rounded(u32),
}

const NULL: u64 = 0x9e37_79b9_7f4a_7c15;

fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

pub fn hash_bytes(b: &[u8]) -> u64 {
    b.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| {
        (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3)
    })
}

fn rounded(v: f64, decimals: u32) -> u64 {
    if v.is_nan() {
        return f64::NAN.to_bits();
    }
    let scale = 10f64.powi(decimals as i32);
    let r = (v * scale).round() / scale;
    // -0.0 is 0.0.
    (if r == 0.0 { 0.0 } else { r }).to_bits()
}

/// Each row's hash over `columns`, in the order given.
pub fn row_hashes(columns: &[&Column], height: usize, numbers: Numbers) -> Result<Vec<u64>> {
    let mut h = vec![0u64; height];
    for col in columns {
        let fail = |e| EngineError::polars(format!("fingerprinting {}", col.name()), e);
        let phys = col.to_physical_repr();
        // Rounded: what the column means (a date is not its day number, a
        // category not its code); exact: its stored values.
        let dtype = match numbers {
            Numbers::Rounded(_) if !col.dtype().is_primitive_numeric() && col.dtype() != &DataType::Boolean => {
                DataType::String
            }
            _ => phys.dtype().clone(),
        };
        let number = dtype.is_integer() || dtype.is_float();
        if let (true, Numbers::Rounded(d)) = (number, numbers) {
            let c = phys.cast(&DataType::Float64).map_err(fail)?;
            let ca = c.as_materialized_series().f64().map_err(fail)?.clone();
            for (h, v) in h.iter_mut().zip(ca.iter()) {
                *h = mix(*h, v.map_or(NULL, |v| rounded(v, d)));
            }
        } else if dtype.is_integer() {
            let c = phys.cast(&DataType::Int64).map_err(fail)?;
            let ca = c.as_materialized_series().i64().map_err(fail)?.clone();
            for (h, v) in h.iter_mut().zip(ca.iter()) {
                *h = mix(*h, v.map_or(NULL, |v| v as u64));
            }
        } else if dtype.is_float() {
            let c = phys.cast(&DataType::Float64).map_err(fail)?;
            let ca = c.as_materialized_series().f64().map_err(fail)?.clone();
            for (h, v) in h.iter_mut().zip(ca.iter()) {
                *h = mix(*h, v.map_or(NULL, f64::to_bits));
            }
        } else if dtype == DataType::Boolean {
            let ca = phys.as_materialized_series().bool().map_err(fail)?.clone();
            for (h, v) in h.iter_mut().zip(ca.iter()) {
                *h = mix(*h, v.map_or(NULL, u64::from));
            }
        } else {
            // Dates and times by their text (the physical value would tie
            // the answer to one unit).
            let c = col.cast(&DataType::String).map_err(fail)?;
            let ca = c.as_materialized_series().str().map_err(fail)?.clone();
            for (h, v) in h.iter_mut().zip(ca.iter()) {
                *h = mix(*h, v.map_or(NULL, |s| hash_bytes(s.as_bytes())));
            }
        }
    }
    Ok(h)
}
