//! Template values that recur on many pages, made once per thread and shared: actor
//! chips here, dates (with their written text) in `view::known_date`. Every Tera map
//! hashes each of its keys with SipHash when it is made; a 10,000-briefing site names
//! the same few hundred chips hundreds of thousands of times. Tera's maps are
//! reference-counted, and serialising a Tera value into another one copies the
//! reference, so a repeat costs a pointer copy instead.
//!
//! Values are keyed by their whole content, so a cached value can never show stale
//! text (`serve` keeps its threads, and this cache, across rebuilds). The cache only
//! grows by the distinct actor roles a process shows: a small, closed set.

use std::cell::RefCell;

use serde::Serialize;
use tera::Value;

use crate::quick_hash::QuickMap;

/// Values keyed by a list of texts. The key is written into a reused buffer, each part's
/// length before it so that no two lists share a key, and a lookup allocates nothing.
#[derive(Default)]
pub struct TextKeyed {
    key: Vec<u8>,
    values: QuickMap<Box<[u8]>, Value>,
}

impl TextKeyed {
    /// The value for `parts`, made by `make` the first time.
    pub fn get_or_make(&mut self, parts: &[Option<&str>], make: impl FnOnce() -> Value) -> Value {
        self.key.clear();
        for part in parts {
            match part {
                Some(text) => {
                    self.key
                        .extend_from_slice(&(text.len() as u64).to_le_bytes());
                    self.key.extend_from_slice(text.as_bytes());
                }
                None => self.key.extend_from_slice(&u64::MAX.to_le_bytes()),
            }
        }
        if let Some(value) = self.values.get(self.key.as_slice()) {
            return value.clone();
        }
        let value = make();
        self.values
            .insert(self.key.as_slice().into(), value.clone());
        value
    }
}

/// `item` as a Tera value. View structs are plain strings, numbers and lists:
/// serialising them cannot fail.
pub fn value<T: Serialize>(item: &T) -> Value {
    Value::try_from_serializable(item).unwrap_or_else(|_| Value::from(()))
}

thread_local! {
    static CHIPS: RefCell<TextKeyed> = RefCell::default();
}

/// An actor chip's value, shared between every page of this thread that shows it.
pub fn chip(parts: [Option<&str>; 3], make: impl FnOnce() -> Value) -> Value {
    CHIPS.with_borrow_mut(|chips| chips.get_or_make(&parts, make))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_that_join_to_the_same_text_get_different_values() {
        let mut cache = TextKeyed::default();
        let a = cache.get_or_make(&[Some("ab"), Some("c")], || Value::from("first"));
        let b = cache.get_or_make(&[Some("a"), Some("bc")], || Value::from("second"));
        let none = cache.get_or_make(&[None, Some("c")], || Value::from("third"));
        let empty = cache.get_or_make(&[Some(""), Some("c")], || Value::from("fourth"));
        assert_eq!(a, Value::from("first"));
        assert_eq!(b, Value::from("second"));
        assert_eq!(none, Value::from("third"));
        assert_eq!(empty, Value::from("fourth"));
    }

    #[test]
    fn the_same_parts_give_the_value_made_first() {
        let mut cache = TextKeyed::default();
        cache.get_or_make(&[Some("putin"), None], || Value::from("made"));
        let again = cache.get_or_make(&[Some("putin"), None], || Value::from("made twice"));
        assert_eq!(again, Value::from("made"));
    }
}
