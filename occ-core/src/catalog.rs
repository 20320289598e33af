//! Categories of report and the agencies complaints are forwarded to.
//!
//! Both are data, not code: the [built-in catalog](Catalog::builtin) holds the four kinds of
//! report the 1212 center takes (online shopping, Computer Crime Act offences, illegal websites,
//! cyber threats) plus "other", and the six partner agencies with the center's own screening
//! desk. A deployment adds its own with [`Catalog::extend_from_toml`].
//!
//! ```
//! use occ_core::{AgencyCode, Catalog, Language};
//!
//! let catalog = Catalog::builtin();
//! let ocpb = catalog.agency(&AgencyCode::new("OCPB")?).expect("built in");
//! assert_eq!(ocpb.name.get(Language::Thai), "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค (สคบ.)");
//! assert_eq!(catalog.screening_desk().as_str(), "OCC");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::language::Localized;

/// The built-in catalog, as TOML.
pub const BUILTIN_CATALOG_TOML: &str = include_str!("../data/catalog.toml");

/// Why a catalog or a code in it was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// The TOML text could not be read; the message names the line and column.
    #[error("catalog file is not valid: {0}")]
    Toml(String),
    /// A code does not have the allowed form.
    #[error(
        "{kind} code {code:?} is not valid: use 1 to 32 characters, {}",
        if *kind == CodeKind::Agency { "A-Z, 0-9 and _" } else { "a-z, 0-9 and _" }
    )]
    InvalidCode {
        /// What the code names.
        kind: CodeKind,
        /// The refused code.
        code: String,
    },
    /// A code appears twice.
    #[error("{kind} code {code:?} is defined twice")]
    Duplicate {
        /// What the code names.
        kind: CodeKind,
        /// The repeated code.
        code: String,
    },
    /// A new category or agency lacks its Thai or English name.
    #[error("{kind} {code:?} needs both a Thai (th) and an English (en) name")]
    MissingName {
        /// What the code names.
        kind: CodeKind,
        /// The code without a name.
        code: String,
    },
    /// No category has this code.
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    /// The category has no subcategory with this code.
    #[error("category {category:?} has no subcategory {subcategory:?}")]
    UnknownSubcategory {
        /// The category.
        category: String,
        /// The subcategory asked for.
        subcategory: String,
    },
    /// No agency has this code.
    #[error("unknown agency {0:?}")]
    UnknownAgency(String),
}

/// What a code in the catalog names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodeKind {
    /// A category.
    Category,
    /// A subcategory.
    Subcategory,
    /// An agency.
    Agency,
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CodeKind::Category => "category",
            CodeKind::Subcategory => "subcategory",
            CodeKind::Agency => "agency",
        })
    }
}

macro_rules! code_type {
    ($(#[$meta:meta])* $name:ident, $kind:expr, $valid:expr) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks the form of a code.
            ///
            /// # Errors
            ///
            /// [`CatalogError::InvalidCode`] when it is empty, longer than 32 characters or has
            /// a character outside the allowed set.
            pub fn new(code: &str) -> Result<Self, CatalogError> {
                let valid: fn(u8) -> bool = $valid;
                if !code.is_empty() && code.len() <= 32 && code.bytes().all(valid) {
                    Ok(Self(code.to_owned()))
                } else {
                    Err(CatalogError::InvalidCode { kind: $kind, code: code.to_owned() })
                }
            }

            /// The code.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = CatalogError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::new(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

fn lower_code_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}

fn upper_code_byte(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'
}

code_type!(
    /// The code of a category, such as `shopping`.
    CategoryCode,
    CodeKind::Category,
    lower_code_byte
);
code_type!(
    /// The code of a subcategory within its category, such as `not_delivered`.
    SubcategoryCode,
    CodeKind::Subcategory,
    lower_code_byte
);
code_type!(
    /// The code of an agency, such as `OCPB`.
    AgencyCode,
    CodeKind::Agency,
    upper_code_byte
);

/// A kind of report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its code.
    pub code: CategoryCode,
    /// Its name in both languages.
    pub name: Localized,
    /// Its subcategories, in the order they are offered.
    pub subcategories: Vec<Subcategory>,
}

impl Category {
    /// The subcategory with this code.
    pub fn subcategory(&self, code: &SubcategoryCode) -> Option<&Subcategory> {
        self.subcategories.iter().find(|s| s.code == *code)
    }
}

/// A finer kind of report within a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subcategory {
    /// Its code, unique within its category.
    pub code: SubcategoryCode,
    /// Its name in both languages.
    pub name: Localized,
}

/// An agency that complaints are forwarded to (or the center's screening desk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// Its code.
    pub code: AgencyCode,
    /// Its name in both languages.
    pub name: Localized,
    /// What it handles, in both languages, in a line.
    pub handles: Localized,
}

/// The categories and agencies a deployment works with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    screening_desk: AgencyCode,
    categories: Vec<Category>,
    agencies: Vec<Agency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    screening_desk: Option<String>,
    #[serde(default, rename = "category")]
    categories: Vec<RawCategory>,
    #[serde(default, rename = "agency")]
    agencies: Vec<RawAgency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    code: String,
    th: Option<String>,
    en: Option<String>,
    #[serde(default)]
    subcategories: Vec<RawSubcategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubcategory {
    code: String,
    th: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgency {
    code: String,
    th: String,
    en: String,
    handles_th: String,
    handles_en: String,
}

fn localized(
    code: &str,
    kind: CodeKind,
    th: Option<String>,
    en: Option<String>,
) -> Result<Localized, CatalogError> {
    match (th, en) {
        (Some(th), Some(en)) if !th.trim().is_empty() && !en.trim().is_empty() => {
            Ok(Localized { th, en })
        }
        _ => Err(CatalogError::MissingName {
            kind,
            code: code.to_owned(),
        }),
    }
}

impl Catalog {
    /// The built-in catalog (parsed once, then cloned).
    pub fn builtin() -> Self {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Catalog::from_toml(BUILTIN_CATALOG_TOML).expect("the built-in catalog is valid")
            })
            .clone()
    }

    /// A catalog from TOML of the shape of [`BUILTIN_CATALOG_TOML`].
    ///
    /// # Errors
    ///
    /// [`CatalogError`] naming the first problem: TOML syntax (with line and column), a bad or
    /// repeated code, a missing name, or a screening desk that is not among the agencies.
    pub fn from_toml(text: &str) -> Result<Self, CatalogError> {
        let mut catalog = Catalog {
            screening_desk: AgencyCode("OCC".to_owned()),
            categories: Vec::new(),
            agencies: Vec::new(),
        };
        catalog.merge(text, true)?;
        Ok(catalog)
    }

    /// Adds the categories, subcategories and agencies of a deployment's TOML file to this
    /// catalog. A `[[category]]` with the code of an existing category adds its subcategories to
    /// it (and replaces its names when both are given); every other code must be new. The
    /// catalog is unchanged when the file is refused.
    ///
    /// ```
    /// use occ_core::Catalog;
    ///
    /// let mut catalog = Catalog::builtin();
    /// catalog.extend_from_toml(r#"
    ///     [[category]]
    ///     code = "shopping"
    ///     subcategories = [{ code = "ticket_scalping", th = "ตั๋วคอนเสิร์ตปลอม", en = "Fake concert tickets" }]
    ///
    ///     [[agency]]
    ///     code = "BOT"
    ///     th = "ธนาคารแห่งประเทศไทย"
    ///     en = "Bank of Thailand"
    ///     handles_th = "ปัญหาบริการทางการเงิน"
    ///     handles_en = "Problems with financial services"
    /// "#)?;
    /// assert!(catalog.check("shopping", "ticket_scalping").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`Catalog::from_toml`].
    pub fn extend_from_toml(&mut self, text: &str) -> Result<(), CatalogError> {
        let mut next = self.clone();
        next.merge(text, false)?;
        *self = next;
        Ok(())
    }

    fn merge(&mut self, text: &str, base: bool) -> Result<(), CatalogError> {
        let raw: RawCatalog =
            toml::from_str(text).map_err(|e| CatalogError::Toml(e.to_string()))?;

        for a in raw.agencies {
            let code = AgencyCode::new(&a.code)?;
            if self.agency(&code).is_some() {
                return Err(CatalogError::Duplicate {
                    kind: CodeKind::Agency,
                    code: a.code,
                });
            }
            let name = localized(&a.code, CodeKind::Agency, Some(a.th), Some(a.en))?;
            let handles = localized(
                &a.code,
                CodeKind::Agency,
                Some(a.handles_th),
                Some(a.handles_en),
            )?;
            self.agencies.push(Agency {
                code,
                name,
                handles,
            });
        }

        for c in raw.categories {
            let code = CategoryCode::new(&c.code)?;
            let position = self.categories.iter().position(|x| x.code == code);
            let index = match position {
                Some(i) => {
                    if base {
                        return Err(CatalogError::Duplicate {
                            kind: CodeKind::Category,
                            code: c.code,
                        });
                    }
                    if c.th.is_some() || c.en.is_some() {
                        self.categories[i].name =
                            localized(&c.code, CodeKind::Category, c.th, c.en)?;
                    }
                    i
                }
                None => {
                    let name = localized(&c.code, CodeKind::Category, c.th, c.en)?;
                    self.categories.push(Category {
                        code,
                        name,
                        subcategories: Vec::new(),
                    });
                    self.categories.len() - 1
                }
            };
            for s in c.subcategories {
                let code = SubcategoryCode::new(&s.code)?;
                let category = &mut self.categories[index];
                if category.subcategory(&code).is_some() {
                    return Err(CatalogError::Duplicate {
                        kind: CodeKind::Subcategory,
                        code: s.code,
                    });
                }
                let name = localized(&s.code, CodeKind::Subcategory, Some(s.th), Some(s.en))?;
                category.subcategories.push(Subcategory { code, name });
            }
        }

        if let Some(desk) = raw.screening_desk {
            self.screening_desk = AgencyCode::new(&desk)?;
        }
        if self.agency(&self.screening_desk).is_none() {
            return Err(CatalogError::UnknownAgency(self.screening_desk.0.clone()));
        }
        Ok(())
    }

    /// The agency that screens new complaints.
    pub fn screening_desk(&self) -> &AgencyCode {
        &self.screening_desk
    }

    /// Every category, in the order they are offered.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Every agency, the screening desk included.
    pub fn agencies(&self) -> &[Agency] {
        &self.agencies
    }

    /// The category with this code.
    pub fn category(&self, code: &CategoryCode) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == *code)
    }

    /// The agency with this code.
    pub fn agency(&self, code: &AgencyCode) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.code == *code)
    }

    /// Checks that `category` exists and has `subcategory`, and returns both codes.
    ///
    /// # Errors
    ///
    /// [`CatalogError::InvalidCode`], [`CatalogError::UnknownCategory`] or
    /// [`CatalogError::UnknownSubcategory`].
    pub fn check(
        &self,
        category: &str,
        subcategory: &str,
    ) -> Result<(CategoryCode, SubcategoryCode), CatalogError> {
        let c = CategoryCode::new(category)?;
        let s = SubcategoryCode::new(subcategory)?;
        self.check_codes(&c, &s)?;
        Ok((c, s))
    }

    /// Checks that `category` exists and has `subcategory`.
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownCategory`] or [`CatalogError::UnknownSubcategory`].
    pub fn check_codes(
        &self,
        category: &CategoryCode,
        subcategory: &SubcategoryCode,
    ) -> Result<(), CatalogError> {
        let c = self
            .category(category)
            .ok_or_else(|| CatalogError::UnknownCategory(category.0.clone()))?;
        c.subcategory(subcategory)
            .map(|_| ())
            .ok_or_else(|| CatalogError::UnknownSubcategory {
                category: category.0.clone(),
                subcategory: subcategory.0.clone(),
            })
    }

    /// Checks that an agency with this code exists.
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownAgency`].
    pub fn check_agency(&self, code: &AgencyCode) -> Result<&Agency, CatalogError> {
        self.agency(code)
            .ok_or_else(|| CatalogError::UnknownAgency(code.0.clone()))
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Self::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_the_design_categories_and_agencies() {
        let c = Catalog::builtin();
        let cats: Vec<&str> = c.categories().iter().map(|c| c.code.as_str()).collect();
        assert_eq!(
            cats,
            [
                "shopping",
                "computer_crime",
                "illegal_website",
                "cyber_threat",
                "other"
            ]
        );
        let agencies: Vec<&str> = c.agencies().iter().map(|a| a.code.as_str()).collect();
        assert_eq!(
            agencies,
            ["OCC", "OCPB", "FDA", "DBD", "TCSD", "MDES", "THAICERT"]
        );
        for cat in c.categories() {
            assert!(!cat.subcategories.is_empty(), "{:?}", cat.code);
        }
        assert!(c.check("cyber_threat", "phishing").is_ok());
        assert_eq!(
            c.check("cyber_threat", "gambling"),
            Err(CatalogError::UnknownSubcategory {
                category: "cyber_threat".into(),
                subcategory: "gambling".into()
            })
        );
        assert_eq!(
            c.check("food", "x"),
            Err(CatalogError::UnknownCategory("food".into()))
        );
    }

    #[test]
    fn codes_are_validated() {
        assert!(AgencyCode::new("OCPB").is_ok());
        assert!(AgencyCode::new("ocpb").is_err());
        assert!(CategoryCode::new("Shopping").is_err());
        assert!(CategoryCode::new("").is_err());
        assert!(CategoryCode::new(&"a".repeat(33)).is_err());
        assert!(SubcategoryCode::new("not_delivered").is_ok());
    }

    #[test]
    fn extension_errors_leave_the_catalog_unchanged() {
        let mut c = Catalog::builtin();
        let before = c.clone();
        let dup = "[[agency]]\ncode = \"FDA\"\nth = \"x\"\nen = \"x\"\nhandles_th = \"x\"\nhandles_en = \"x\"\n";
        assert!(matches!(
            c.extend_from_toml(dup),
            Err(CatalogError::Duplicate { .. })
        ));
        let new_cat_without_names = "[[category]]\ncode = \"lottery\"\n";
        assert!(matches!(
            c.extend_from_toml(new_cat_without_names),
            Err(CatalogError::MissingName { .. })
        ));
        let bad_toml = "[[agency]\ncode = 1";
        let err = c.extend_from_toml(bad_toml).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
        assert_eq!(c, before);
    }
}
