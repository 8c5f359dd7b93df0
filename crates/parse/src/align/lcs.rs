//! The alignment algorithm: the longest common subsequence of two
//! sequences ([`lcs`]), Myers' O((N+M)·D) algorithm after the common head and
//! tail. A stage of its own because it knows nothing of pages: the pass
//! (the parent module) calls it on tables and on rows.

/// The longest common subsequence of `a` and `b` under `eq`, as pairs of
/// indices in order: the common head and tail first, then Myers' greedy
/// algorithm on what is left (time O((N+M)·D) for D differences). When the
/// two differ in more than [`MAX_EDITS`] places, only the head and tail are
/// matched (such sequences are not editions of one table).
pub fn lcs<A, B>(a: &[A], b: &[B], eq: impl Fn(&A, &B) -> bool) -> Vec<(usize, usize)> {
    let head = a.iter().zip(b).take_while(|(x, y)| eq(x, y)).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| eq(x, y))
        .count();
    let (n, m) = (a.len() - head - tail, b.len() - head - tail);
    let mut out: Vec<(usize, usize)> = (0..head).map(|i| (i, i)).collect();
    let middle = myers(n, m, |i, j| eq(&a[head + i], &b[head + j]));
    out.extend(middle.into_iter().map(|(i, j)| (head + i, head + j)));
    out.extend((0..tail).map(|k| (a.len() - tail + k, b.len() - tail + k)));
    out
}

/// More differences than this between two sequences and [`lcs`] gives up
/// on their middle part.
pub const MAX_EDITS: usize = 1000;

/// Myers' shortest edit script between sequences of lengths `n` and `m`, as
/// the matched pairs (empty when it needs more than [`MAX_EDITS`] edits).
fn myers(n: usize, m: usize, eq: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let max = (n + m).min(MAX_EDITS);
    let off = max as isize + 1;
    let width = 2 * max + 3;
    let mut v = vec![0isize; width];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let (n_i, m_i) = (n as isize, m as isize);
    let mut found = None;
    'outer: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n_i && y < m_i && eq(x as usize, y as usize) {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n_i && y >= m_i {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let Some(dmax) = found else {
        return Vec::new();
    };
    // Walk back through the saved frontiers.
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n_i, m_i);
    for d in (1..=dmax).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = (k + off) as usize;
        let prev_k = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[(prev_k + off) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length of a longest common subsequence, by dynamic programming.
    fn lcs_len(a: &[u8], b: &[u8]) -> usize {
        let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                dp[i][j] = if a[i] == b[j] {
                    dp[i + 1][j + 1] + 1
                } else {
                    dp[i + 1][j].max(dp[i][j + 1])
                };
            }
        }
        dp[0][0]
    }

    #[test]
    fn lcs_is_a_longest_common_subsequence() {
        // A small linear congruential generator: the same cases every run.
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for _ in 0..2000 {
            let (n, m, k) = (next(12) as usize, next(12) as usize, 1 + next(4));
            let a: Vec<u8> = (0..n).map(|_| next(k) as u8).collect();
            let b: Vec<u8> = (0..m).map(|_| next(k) as u8).collect();
            let pairs = lcs(&a, &b, |x, y| x == y);
            assert_eq!(pairs.len(), lcs_len(&a, &b), "{a:?} {b:?}");
            assert!(pairs.iter().all(|&(i, j)| a[i] == b[j]));
            assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        }
        assert_eq!(lcs(&[1, 2, 3], &[1, 2, 3], |x, y| x == y).len(), 3);
        assert!(lcs::<u8, u8>(&[], &[1], |x, y| x == y).is_empty());
    }

    #[test]
    fn lcs_of_long_similar_sequences_is_fast_and_exact() {
        // 100,000 rows that differ in two places: linear, not quadratic.
        let a: Vec<u32> = (0..100_000).collect();
        let mut b = a.clone();
        b.remove(500);
        b.insert(70_000, 7);
        let pairs = lcs(&a, &b, |x, y| x == y);
        assert_eq!(pairs.len(), 99_999);
    }
}
