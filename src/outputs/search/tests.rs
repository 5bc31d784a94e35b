use super::*;

fn doc(title: &str) -> Doc<'_> {
    Doc {
        k: "b",
        t: title,
        u: Cow::Borrowed(""),
        d: None,
        i: None,
        s: None,
        l: None,
        a: Vec::new(),
    }
}

#[test]
fn what_the_browser_loads_first_stays_small_at_ten_thousand_briefings() {
    const WORDS: &[&str] = &[
        "Gespräche",
        "Waffenruhe",
        "Verhandlungen",
        "Angriff",
        "Energie",
        "Moskau",
        "Kiew",
        "London",
        "Istanbul",
        "Dschidda",
        "Gefangenenaustausch",
        "Sanktionen",
        "Krim",
        "Sicherheitsgarantien",
        "Saporischschja",
        "Drohnen",
        "Außenminister",
        "Präsident",
    ];
    // A small deterministic generator: varied titles and a number in each.
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let titles: Vec<(String, String)> = (0..10_000)
        .map(|i| {
            let title: Vec<&str> = (0..6).map(|_| WORDS[next(WORDS.len())]).collect();
            let title = format!("{} {i} {}", title.join(" "), 7919 * i);
            let summary = title.to_lowercase();
            (title, summary)
        })
        .collect();
    let mut postings = Postings::default();
    for (i, (title, _)) in titles.iter().enumerate() {
        postings.add(title, weight::TITLE);
        postings.end_doc(i as u32);
    }
    let shards = postings.shards(CAP);
    let manifest = Manifest {
        v: 1,
        docs: titles.len(),
        chunk: CHUNK,
        kinds: BTreeMap::from([("b", [0, 10_000])]),
        shards: shards.iter().map(|s| s.key.as_str()).collect(),
    };
    let manifest = compact(&manifest).len();
    let largest_shard = shards.iter().map(|s| compact(s).len()).max();
    let docs: Vec<Doc<'_>> = titles[..CHUNK]
        .iter()
        .map(|(title, summary)| Doc {
            s: Some(summary),
            ..doc(title)
        })
        .collect();
    let chunk = compact(&docs).len();
    eprintln!(
        "10,000 briefings: manifest {manifest} bytes, {} shards, largest shard {largest_shard:?} bytes, one chunk of {CHUNK} documents {chunk} bytes",
        shards.len()
    );
    // Shard keys are two characters of [a-z0-9], so the manifest is bounded.
    assert!(shards.len() <= 36 * 36);
    assert!(manifest < 8 * 1024, "manifest of {manifest} bytes");
    assert!(chunk < 64 * 1024, "chunk of {chunk} bytes");
    // Every word is in about a sixth of the titles, far more than the cap.
    assert!(
        largest_shard < Some(64 * 1024),
        "shard of {largest_shard:?} bytes"
    );
}
