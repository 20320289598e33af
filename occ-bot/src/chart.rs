//! The statistics chart: complaints filed per month by category, a PNG made with plotters.
//!
//! Text needs a font: a Thai one where the system has it (Loma, from Debian's
//! `fonts-tlwg-loma-ttf`), else DejaVu Sans, else `OCC_CHART_FONT`. Without any, the chart is
//! drawn without text rather than not at all.

use std::sync::OnceLock;

use occ_core::calendar::Day;
use occ_core::store::{CounterKey, Counters};
use occ_core::{Catalog, Language};
use plotters::prelude::*;

/// The chart's size in pixels.
pub const SIZE: (u32, u32) = (900, 520);

/// The width of the legend's column on the right.
const LEGEND_WIDTH: u32 = 230;

const FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/opentype/tlwg/Loma.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
];

/// Registers a font with plotters once; false when none could be found.
fn font() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        let from_env = std::env::var("OCC_CHART_FONT").ok();
        let candidates = from_env
            .iter()
            .map(String::as_str)
            .chain(FONTS.iter().copied());
        for path in candidates {
            if let Ok(bytes) = std::fs::read(path) {
                // plotters keeps fonts for the life of the program.
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                if plotters::style::register_font("sans-serif", FontStyle::Normal, bytes).is_ok() {
                    return true;
                }
            }
        }
        tracing::warn!("no font found for charts: they are drawn without text");
        false
    })
}

const COLOURS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

/// The twelve months ending with `last`'s, oldest first, as (Buddhist Era year, month).
pub fn months_ending(last: Day) -> Vec<(u32, u8)> {
    let mut months = Vec::with_capacity(12);
    let (mut y, mut m) = (last.year_be(), last.month());
    for _ in 0..12 {
        months.push((y, m));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    months.reverse();
    months
}

/// The counts the chart shows: per category (in catalog order), per month of [`months_ending`].
pub fn series(counters: &Counters, catalog: &Catalog, last: Day) -> Vec<(String, Vec<u64>)> {
    let months = months_ending(last);
    catalog
        .categories()
        .iter()
        .map(|c| {
            let counts = months
                .iter()
                .map(|&(year_be, month)| {
                    counters.get(&CounterKey::FiledInMonthByCategory {
                        year_be,
                        month,
                        category: c.code.clone(),
                    })
                })
                .collect();
            (c.code.to_string(), counts)
        })
        .collect()
}

/// A PNG of complaints filed per month by category, for the twelve months ending with `last`'s.
pub fn monthly_by_category(
    counters: &Counters,
    catalog: &Catalog,
    last: Day,
    lang: Language,
) -> Vec<u8> {
    let months = months_ending(last);
    let data = series(counters, catalog, last);
    let names: Vec<String> = catalog
        .categories()
        .iter()
        .map(|c| c.name.get(lang).to_owned())
        .collect();
    let totals: Vec<u64> = (0..months.len())
        .map(|i| data.iter().map(|(_, v)| v[i]).sum())
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0).max(1);
    let with_text = font();

    let mut pixels = vec![255u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
        let _ = root.fill(&WHITE);
        let root = if with_text {
            let title = match lang {
                Language::Thai => "เรื่องร้องเรียนรายเดือน แยกตามประเภท",
                Language::English => "Complaints per month, by category",
            };
            root.titled(title, ("sans-serif", 22)).unwrap_or(root)
        } else {
            root
        };
        // The legend has a column of its own, so that it never hides a bar.
        let (plot, legend) = if with_text {
            root.split_horizontally(SIZE.0 - LEGEND_WIDTH)
        } else {
            root.split_horizontally(SIZE.0)
        };
        let mut builder = ChartBuilder::on(&plot);
        builder
            .margin(16)
            .x_label_area_size(if with_text { 36 } else { 8 })
            .y_label_area_size(if with_text { 48 } else { 8 });
        let built = builder.build_cartesian_2d(
            // A segmented range includes both ends: twelve segments, 0 to 11.
            (0u32..months.len() as u32 - 1).into_segmented(),
            0u64..top + top / 5 + 1,
        );
        if let Ok(mut chart) = built {
            if with_text {
                let _ = chart
                    .configure_mesh()
                    .disable_x_mesh()
                    .x_labels(months.len())
                    .x_label_formatter(&|v| match v {
                        SegmentValue::CenterOf(i) => {
                            months.get(*i as usize).map_or(String::new(), |(y, m)| {
                                // Buddhist Era years in Thai, Common Era in English.
                                let y = match lang {
                                    Language::Thai => *y,
                                    Language::English => y - 543,
                                };
                                format!("{m}/{:02}", y % 100)
                            })
                        }
                        _ => String::new(),
                    })
                    .y_label_formatter(&|n| n.to_string())
                    .label_style(("sans-serif", 14))
                    .draw();
            }
            // Stacked bars, one stack per month.
            let mut base = vec![0u64; months.len()];
            for (k, (_, counts)) in data.iter().enumerate() {
                let colour = COLOURS[k % COLOURS.len()];
                let bars: Vec<_> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(i, n)| {
                        let i = i as u32;
                        let mut bar = Rectangle::new(
                            [
                                (SegmentValue::Exact(i), base[i as usize]),
                                (SegmentValue::Exact(i + 1), base[i as usize] + n),
                            ],
                            colour.filled(),
                        );
                        bar.set_margin(0, 0, 6, 6);
                        bar
                    })
                    .collect();
                for (i, n) in counts.iter().enumerate() {
                    base[i] += n;
                }
                let _ = chart.draw_series(bars);
            }
        }
        if with_text {
            for (k, name) in names.iter().enumerate() {
                let y = 60 + 26 * k as i32;
                let colour = COLOURS[k % COLOURS.len()];
                let _ = legend.draw(&Rectangle::new([(0, y), (14, y + 14)], colour.filled()));
                let _ = legend.draw(&Text::new(
                    name.clone(),
                    (22, y),
                    ("sans-serif", 14).into_font(),
                ));
            }
        }
        let _ = root.present();
    }
    encode(pixels)
}

fn encode(pixels: Vec<u8>) -> Vec<u8> {
    let image =
        image::RgbImage::from_raw(SIZE.0, SIZE.1, pixels).expect("the buffer has the chart's size");
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("encoding a PNG in memory cannot fail");
    png.into_inner()
}
