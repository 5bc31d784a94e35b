//! Placing labels beside a vertical axis so that none overlaps another, each as close
//! to its mark as the others allow.
//!
//! Labels keep the order of their marks and are `height` apart at least. Among all such
//! placements this one moves the labels least (squared distance), found with the
//! pool-adjacent-violators algorithm: subtracting `i * height` from the i-th target turns
//! "at least `height` apart" into "not decreasing", an isotonic regression.

/// Centres for labels of equal `height` whose marks are at `targets` (in any order):
/// no two overlap, none reaches above `top`, and the order of the marks is kept.
/// Returns the centres in the order of `targets`.
pub fn place(targets: &[f64], height: f64, top: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..targets.len()).collect();
    // Stable: equal targets keep their given order.
    order.sort_by(|&a, &b| targets[a].total_cmp(&targets[b]));
    let shifted: Vec<f64> = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| targets[i] - rank as f64 * height)
        .collect();
    let lowest = top + height / 2.0;
    let mut centres = vec![0.0; targets.len()];
    for (rank, value) in isotonic(&shifted).into_iter().enumerate() {
        centres[order[rank]] = value.max(lowest) + rank as f64 * height;
    }
    centres
}

/// The closest non-decreasing sequence to `values` (least squares), by pooling
/// adjacent values that are out of order into their mean.
fn isotonic(values: &[f64]) -> Vec<f64> {
    // Each block: (sum, count).
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for &v in values {
        blocks.push((v, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 <= s2 / n2 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, n1 + n2);
        }
    }
    blocks
        .into_iter()
        .flat_map(|(sum, n)| std::iter::repeat_n(sum / n as f64, n))
        .collect()
}

/// The space labels placed by [`place`] take up: from `top` to the bottom of the
/// lowest label.
pub fn extent(centres: &[f64], height: f64, top: f64) -> f64 {
    centres
        .iter()
        .map(|c| c + height / 2.0 - top)
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_no_overlap(targets: &[f64], centres: &[f64], height: f64) {
        let mut pairs: Vec<(f64, f64)> = targets.iter().copied().zip(centres.to_vec()).collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in pairs.windows(2) {
            assert!(
                w[1].1 - w[0].1 >= height - 1e-9,
                "labels at {} and {} overlap (height {height})",
                w[0].1,
                w[1].1
            );
        }
    }

    #[test]
    fn labels_with_room_stay_beside_their_marks() {
        let targets = [10.0, 40.0, 100.0];
        assert_eq!(place(&targets, 16.0, 0.0), targets.to_vec());
    }

    #[test]
    fn crowded_labels_spread_evenly_around_their_marks() {
        // Four events on one day, as on 18 April 2025.
        let targets = [200.0, 201.0, 202.0, 203.0];
        let centres = place(&targets, 16.0, 0.0);
        assert_no_overlap(&targets, &centres, 16.0);
        let mean_target: f64 = targets.iter().sum::<f64>() / 4.0;
        let mean_centre: f64 = centres.iter().sum::<f64>() / 4.0;
        assert!((mean_target - mean_centre).abs() < 1e-9);
        assert!(centres.windows(2).all(|w| w[0] < w[1]), "order is kept");
    }

    #[test]
    fn labels_never_rise_above_the_top() {
        let targets = [0.0, 0.0, 0.0];
        let centres = place(&targets, 10.0, 0.0);
        assert_eq!(centres, vec![5.0, 15.0, 25.0]);
        assert_eq!(extent(&centres, 10.0, 0.0), 30.0);
    }

    #[test]
    fn unsorted_targets_come_back_in_their_own_order() {
        let centres = place(&[50.0, 10.0, 11.0], 10.0, 0.0);
        assert!(centres[1] < centres[2] && centres[2] < centres[0]);
        assert_no_overlap(&[50.0, 10.0, 11.0], &centres, 10.0);
    }

    #[test]
    fn no_two_labels_overlap_for_any_input() {
        // A fixed pseudo-random sequence: deterministic, yet many shapes of crowding.
        let mut seed: u64 = 0x2022_0224;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for round in 0..200 {
            let n = 1 + round % 30;
            let targets: Vec<f64> = (0..n).map(|_| next() * 300.0).collect();
            let centres = place(&targets, 17.0, 4.0);
            assert_no_overlap(&targets, &centres, 17.0);
            assert!(centres.iter().all(|&c| c >= 4.0 + 8.5 - 1e-9));
        }
    }

    #[test]
    fn the_same_input_gives_the_same_placement() {
        let targets = [5.0, 5.0, 5.0, 80.0, 81.0];
        assert_eq!(place(&targets, 12.0, 0.0), place(&targets, 12.0, 0.0));
    }
}
