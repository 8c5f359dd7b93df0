//! Plural forms: the `Plural-Forms` new catalogs start with, and the gettext
//! plural rule (`nplurals` and the C expression of `n`) evaluated.

/// The `Plural-Forms` of a language new catalogs start with (GNU gettext's
/// table for the languages portmatrix may meet; English's otherwise).
pub fn plural_forms_for(locale: &str) -> &'static str {
    let lower = locale.to_ascii_lowercase();
    let lang = lower.split(['-', '_']).next().unwrap_or("");
    match lang {
        "ja" | "zh" | "ko" | "vi" | "th" | "id" | "ms" => "nplurals=1; plural=0;",
        "fr" => "nplurals=2; plural=(n > 1);",
        "pt" if lower.ends_with("br") => "nplurals=2; plural=(n > 1);",
        "ru" | "uk" | "be" => {
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "pl" => {
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "cs" | "sk" => "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        _ => "nplurals=2; plural=(n != 1);",
    }
}

/// A gettext plural rule: `nplurals` and the C expression of `n` that picks
/// the form (`Plural-Forms: nplurals=2; plural=(n != 1);`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralRule {
    /// How many forms a message has.
    pub nplurals: usize,
    expr: Expr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    N,
    Num(u64),
    Not(Box<Expr>),
    Bin(char, Box<Expr>, Box<Expr>),
    /// `==` `!=` `<=` `>=` `&&` `||` as two-character operators.
    Op2(&'static str, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

impl PluralRule {
    /// Parses a `Plural-Forms` value.
    pub fn parse(s: &str) -> Result<PluralRule, String> {
        let mut nplurals = None;
        let mut expr = None;
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: expected `name=value`"))?;
            match k.trim() {
                "nplurals" => {
                    nplurals = Some(
                        v.trim()
                            .parse::<usize>()
                            .ok()
                            .filter(|n| (1..=10).contains(n))
                            .ok_or_else(|| format!("nplurals `{v}`: expected 1 to 10"))?,
                    )
                }
                "plural" => {
                    let mut p = ExprParser {
                        s: v.as_bytes(),
                        i: 0,
                    };
                    let e = p.ternary()?;
                    p.ws();
                    if p.i != p.s.len() {
                        return Err(format!("plural `{v}`: unexpected text at {}", p.i));
                    }
                    expr = Some(e);
                }
                other => return Err(format!("unknown entry `{other}`")),
            }
        }
        Ok(PluralRule {
            nplurals: nplurals.ok_or("no nplurals")?,
            expr: expr.ok_or("no plural expression")?,
        })
    }

    /// The index of the form for `n` (clamped to `nplurals - 1`).
    pub fn index(&self, n: u64) -> usize {
        let i = eval(&self.expr, n);
        (i as usize).min(self.nplurals - 1)
    }
}

fn eval(e: &Expr, n: u64) -> u64 {
    match e {
        Expr::N => n,
        Expr::Num(v) => *v,
        Expr::Not(a) => u64::from(eval(a, n) == 0),
        Expr::Bin(op, a, b) => {
            let (x, y) = (eval(a, n), eval(b, n));
            match op {
                '+' => x.wrapping_add(y),
                '-' => x.wrapping_sub(y),
                '*' => x.wrapping_mul(y),
                '/' => x.checked_div(y).unwrap_or(0),
                '%' => x.checked_rem(y).unwrap_or(0),
                '<' => u64::from(x < y),
                '>' => u64::from(x > y),
                _ => 0,
            }
        }
        Expr::Op2(op, a, b) => {
            let x = eval(a, n);
            match *op {
                "&&" => u64::from(x != 0 && eval(b, n) != 0),
                "||" => u64::from(x != 0 || eval(b, n) != 0),
                "==" => u64::from(x == eval(b, n)),
                "!=" => u64::from(x != eval(b, n)),
                "<=" => u64::from(x <= eval(b, n)),
                ">=" => u64::from(x >= eval(b, n)),
                _ => 0,
            }
        }
        Expr::If(c, a, b) => {
            if eval(c, n) != 0 {
                eval(a, n)
            } else {
                eval(b, n)
            }
        }
    }
}

/// Recursive descent over C's precedence: `?:`, `||`, `&&`, `== !=`,
/// `< > <= >=`, `+ -`, `* / %`, `!`, atoms.
struct ExprParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl ExprParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, tok: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(tok.as_bytes()) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }
    fn ternary(&mut self) -> Result<Expr, String> {
        let c = self.binary(0)?;
        if self.eat("?") {
            let a = self.ternary()?;
            if !self.eat(":") {
                return Err("expected `:`".into());
            }
            let b = self.ternary()?;
            return Ok(Expr::If(Box::new(c), Box::new(a), Box::new(b)));
        }
        Ok(c)
    }
    fn binary(&mut self, level: usize) -> Result<Expr, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["==", "!="],
            &["<=", ">=", "<", ">"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for op in LEVELS[level] {
                // `<` must not take the `<` of `<=`; `!` of `!=` is not unary.
                if self.eat(op) {
                    let right = self.binary(level + 1)?;
                    left = match *op {
                        "||" => Expr::Op2("||", Box::new(left), Box::new(right)),
                        "&&" => Expr::Op2("&&", Box::new(left), Box::new(right)),
                        "==" => Expr::Op2("==", Box::new(left), Box::new(right)),
                        "!=" => Expr::Op2("!=", Box::new(left), Box::new(right)),
                        "<=" => Expr::Op2("<=", Box::new(left), Box::new(right)),
                        ">=" => Expr::Op2(">=", Box::new(left), Box::new(right)),
                        o => Expr::Bin(
                            o.chars().next().unwrap_or('+'),
                            Box::new(left),
                            Box::new(right),
                        ),
                    };
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }
    fn unary(&mut self) -> Result<Expr, String> {
        self.ws();
        if self.s.get(self.i) == Some(&b'!') && self.s.get(self.i + 1) != Some(&b'=') {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat("(") {
            let e = self.ternary()?;
            if !self.eat(")") {
                return Err("expected `)`".into());
            }
            return Ok(e);
        }
        if self.eat("n") {
            return Ok(Expr::N);
        }
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if start == self.i {
            return Err(format!("expected `n`, a number or `(` at {start}"));
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()
            .and_then(|d| d.parse().ok())
            .map(Expr::Num)
            .ok_or_else(|| "number too large".into())
    }
}
