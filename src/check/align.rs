//! Aligning two sequences (the tables or rows of two editions of a page):
//! longest common subsequence, then what is left paired by position.

/// Longest common subsequence alignment of `a` and `b` under `eq`: pairs of
/// indices, in order.
fn lcs<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if eq(&a[i], &b[j]) {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if eq(&a[i], &b[j]) {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// An alignment step: both sides, or one side only.
pub(super) enum Step {
    Both(usize, usize, bool),
    Left(usize),
    Right(usize),
}

/// Aligns with `lcs`, then pairs the unmatched items between two matches by
/// position (flagged `false`: aligned but not equal); the rest is one-sided.
pub(super) fn align<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> Vec<Step> {
    let matches = lcs(a, b, eq);
    let mut steps = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matches
        .into_iter()
        .chain(std::iter::once((a.len(), b.len())))
    {
        let (gl, gr) = (mi - i, mj - j);
        let paired = gl.min(gr);
        for k in 0..paired {
            steps.push(Step::Both(i + k, j + k, false));
        }
        for k in paired..gl {
            steps.push(Step::Left(i + k));
        }
        for k in paired..gr {
            steps.push(Step::Right(j + k));
        }
        if mi < a.len() && mj < b.len() {
            steps.push(Step::Both(mi, mj, true));
        }
        i = mi + 1;
        j = mj + 1;
    }
    steps
}
