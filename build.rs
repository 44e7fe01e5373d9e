//! Generates the typed client from `spec/keystone-v2.0.yaml`.
//!
//! 1. Reads the spec and checks, operation by operation, the rules progenitor 0.15 would
//!    otherwise panic on (or silently get wrong), reporting the file and the operation.
//! 2. Makes the copy of the document progenitor sees (the file is left as it is):
//!    - without the bodiless 2xx responses an operation declares beside a 2xx with a body (a
//!      grant that answers 200 with the role or 204 with nothing): progenitor panics on two 2xx
//!      of different kinds. The generated method then reports such a status as
//!      `Error::UnexpectedResponse`, and the operations table lists it in `empty_success` so
//!      the hand-written layer can answer "success, no body";
//!    - without the keywords that only relate an object's members (`not`, `minProperties`,
//!      `maxProperties`): they state what Keystone refuses (neither or both of two keys, a
//!      forbidden key, an empty update) for validators and other generators, but typify turns
//!      an object with a `not` into an uninhabited enum. The managers build bodies that keep
//!      these rules; Keystone answers 400 to a raw body that breaks them.
//! 3. Runs progenitor (positional methods, one merged client) and prettyplease, writing
//!    `$OUT_DIR/codegen.rs`. Every schema marked
//!    `x-keystone-secret: true` (`Secret` and its nullable and length-limited variants) becomes
//!    `crate::Secret` (`with_replacement`). The client's inner value is the request engine's
//!    `crate::engine::Hooks` (`with_inner_type`), and the hand-written
//!    `impl ClientHooks<Hooks> for Client` (`with_hooks(Expected)`) is what every generated
//!    method calls before and to send its request. Two changes are made on the syntax tree
//!    (`syn::visit_mut`, see [`Changes`]): path arguments go through the crate's one-segment
//!    encoder (safety); answers are decoded without copying their headers, and progenitor's
//!    `api-version` header map is not built (speed).
//! 4. Writes `$OUT_DIR/operations.rs`: for every operation its id, method, path, tag, the APIs
//!    that serve it (`x-keystone-api`, which must agree with the operation-level `servers`:
//!    the admin entry of the top-level `servers` on an admin-only operation, the public entry
//!    on a public-only one, none on an operation both serve), whether it sends a token, its
//!    secret path parameters and its bodiless 2xx statuses removed in step 2; and `find`, the
//!    one lookup of an operation by its id (a `match`, usable in constants).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use openapiv3::{OpenAPI, Operation, Parameter, ReferenceOr, Response, StatusCode};

const SPEC: &str = "spec/keystone-v2.0.yaml";

fn main() {
    println!("cargo:rerun-if-changed={SPEC}");
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(msg) = run() {
        // A readable message instead of a panic backtrace from inside the generator.
        eprintln!("error: {msg}");
        println!("cargo:warning={}", msg.lines().next().unwrap_or_default());
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let text = std::fs::read_to_string(SPEC).map_err(|e| format!("{SPEC}: cannot read: {e}"))?;
    let raw: serde_json::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{SPEC}: not valid YAML: {e}"))?;
    let spec: OpenAPI = serde_json::from_value(raw.clone())
        .map_err(|e| format!("{SPEC}: not an OpenAPI 3.0 document: {e}"))?;
    if !spec.openapi.starts_with("3.0.") {
        return Err(format!(
            "{SPEC}: openapi is {:?}; progenitor accepts 3.0.x only",
            spec.openapi
        ));
    }

    let ops = check(&spec, &raw)?;
    let secrets = secret_schemas(&raw);
    if !secrets.iter().any(|s| s == "Secret") {
        return Err(format!(
            "{SPEC}: no `Secret` schema with `x-keystone-secret: true`"
        ));
    }
    let spec = progenitor_view(raw, &ops)?;

    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Positional)
        .with_tag(progenitor::TagStyle::Merged)
        .with_hooks(progenitor::HooksMode::Expected)
        .with_inner_type("crate::engine::Hooks".parse().expect("static tokens"))
        .with_derive("schemars::JsonSchema");
    for name in &secrets {
        settings.with_replacement(name, "crate::Secret", std::iter::empty());
    }
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        generator.generate_tokens(&spec)
    }))
    .map_err(|_| format!("{SPEC}: progenitor panicked; see the message above"))?
    .map_err(|e| format!("{SPEC}: progenitor refused the document: {e}"))?;
    let mut file = syn::parse2::<syn::File>(tokens)
        .map_err(|e| format!("{SPEC}: generated code does not parse: {e}"))?;
    let mut changes = Changes::default();
    syn::visit_mut::VisitMut::visit_file_mut(&mut changes, &mut file);
    if let Some(e) = changes.error {
        return Err(format!("{SPEC}: {e}"));
    }
    file.items.insert(
        0,
        syn::parse_quote!(
            use crate::engine::encode_segment;
        ),
    );
    let paths_with_arguments = ops.iter().filter(|o| o.path.contains('{')).count();
    if changes.segments < paths_with_arguments
        || changes.decoders == 0
        || changes.header_statements != 2 * ops.len()
        || changes.header_calls != ops.len()
    {
        return Err(format!(
            "{SPEC}: for {} operations ({paths_with_arguments} with path arguments), the generated code has {} `encode_path` calls, {} `ResponseValue::from_response` / `empty` calls, {} `header_map` statements and {} `.headers(header_map)` calls; progenitor changed",
            ops.len(), changes.segments, changes.decoders, changes.header_statements, changes.header_calls
        ));
    }
    let code = format!(
        "// The contents of this file are generated from {SPEC} by build.rs; do not modify them.\n\n{}",
        prettyplease::unparse(&file)
    );

    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    write(&Path::new(&out).join("codegen.rs"), &code)?;
    write(
        &Path::new(&out).join("operations.rs"),
        &operations_table(&ops),
    )?;
    Ok(())
}

/// The changes made to progenitor's code, on its syntax tree (no other change is made):
///
/// - For safety, every path argument goes through the crate's one-segment encoder
///   (`crate::engine::encode_segment`, imported at the top of the file) instead of progenitor's
///   `encode_path`. That one leaves `\\` and `.` as they are, and URL parsers read `\\` as `/`
///   and then drop dot segments: `tenants().delete("x\\..\\victim")` would send
///   `DELETE /v2.0/tenants/victim`, a path of the right shape that the route guard cannot
///   tell from a real one. The URLs are built in `format!` invocations, whose arguments are
///   tokens to syn: they are parsed as expressions, visited, and written back.
/// - For speed, `ResponseValue::from_response` and `ResponseValue::empty` become
///   `crate::engine::from_response` and `crate::engine::empty`, which move the response's
///   headers instead of copying them (and read the body chunk by chunk): measured with
///   `scripts/bench-instructions`, 1.0-1.2 % of a call's instructions on every row.
/// - For speed, the header map every method builds for progenitor's `api-version` header
///   (which Keystone has no use for, and which progenitor has no setting to leave out) is not
///   built: the `let mut header_map`, its `append` and the `.headers(header_map)` call go (the
///   spec has no header parameters: `check_param_location` refuses them, so the map holds
///   nothing else). Measured the same way: 1.2-1.6 % of a call's instructions on every row,
///   against building it and removing the header in the `pre` hook.
#[derive(Default)]
struct Changes {
    /// `encode_path` calls replaced.
    segments: usize,
    /// `ResponseValue::from_response` and `ResponseValue::empty` calls replaced.
    decoders: usize,
    /// `let mut header_map = ...` and `header_map.append(...)` statements removed.
    header_statements: usize,
    /// `.headers(header_map)` calls removed.
    header_calls: usize,
    error: Option<String>,
}

impl syn::visit_mut::VisitMut for Changes {
    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        syn::visit_mut::visit_expr_call_mut(self, call);
        if let syn::Expr::Path(callee) = &mut *call.func {
            if callee.qself.is_none() && callee.path.is_ident("encode_path") {
                callee.path = syn::parse_quote!(encode_segment);
                self.segments += 1;
            }
        }
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let before = block.stmts.len();
        block.stmts.retain(|stmt| match stmt {
            syn::Stmt::Local(local) => {
                !matches!(&local.pat, syn::Pat::Ident(p) if p.ident == "header_map")
            }
            syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => {
                !(call.method == "append" && is_header_map(&call.receiver))
            }
            _ => true,
        });
        self.header_statements += before - block.stmts.len();
        syn::visit_mut::visit_block_mut(self, block);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::MethodCall(call) = expr {
            if call.method == "headers" && call.args.len() == 1 && is_header_map(&call.args[0]) {
                *expr = (*call.receiver).clone();
                self.header_calls += 1;
                self.visit_expr_mut(expr);
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        let names: Vec<String> = path
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        if path.qself.is_none() && names.len() == 2 && names[0] == "ResponseValue" {
            match names[1].as_str() {
                "from_response" => {
                    path.path = syn::parse_quote!(crate::engine::from_response);
                    self.decoders += 1;
                }
                "empty" => {
                    path.path = syn::parse_quote!(crate::engine::empty);
                    self.decoders += 1;
                }
                _ => {}
            }
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if !mac.path.is_ident("format") {
            return;
        }
        let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        match syn::parse::Parser::parse2(parser, mac.tokens.clone()) {
            Ok(mut arguments) => {
                for argument in arguments.iter_mut() {
                    self.visit_expr_mut(argument);
                }
                mac.tokens = quote::ToTokens::into_token_stream(arguments);
            }
            Err(e) => {
                self.error = Some(format!("a generated `format!` does not parse: {e}"));
            }
        }
    }
}

/// Whether `expr` is the generated methods' `header_map`.
fn is_header_map(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident("header_map"))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// What the hand-written layer needs to know of one operation.
struct OpMeta {
    id: String,
    method: String,
    path: String,
    tag: String,
    apis: Vec<String>,
    authenticated: bool,
    secret_params: Vec<String>,
    /// Bodiless 2xx statuses declared beside a 2xx with a body (removed before progenitor).
    empty_success: Vec<u16>,
}

/// The component schemas marked `x-keystone-secret: true`: each becomes `crate::Secret`.
fn secret_schemas(raw: &serde_json::Value) -> Vec<String> {
    raw.pointer("/components/schemas")
        .and_then(|s| s.as_object())
        .map(|schemas| {
            schemas
                .iter()
                .filter(|(_, s)| s.get("x-keystone-secret") == Some(&serde_json::Value::Bool(true)))
                .map(|(name, _)| name.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The keywords that only relate an object's members, which progenitor's copy goes without.
const MEMBER_RULES: &[&str] = &["not", "minProperties", "maxProperties"];

/// Removes [`MEMBER_RULES`] from a schema and the schemas inside it (properties, items,
/// additional properties, `allOf` / `anyOf` / `oneOf` members).
fn strip_member_rules(schema: &mut serde_json::Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    for key in MEMBER_RULES {
        map.remove(*key);
    }
    if let Some(props) = map.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.values_mut().for_each(strip_member_rules);
    }
    for key in ["items", "additionalProperties"] {
        if let Some(s) = map.get_mut(key) {
            strip_member_rules(s);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = map.get_mut(key).and_then(|l| l.as_array_mut()) {
            list.iter_mut().for_each(strip_member_rules);
        }
    }
}

/// Applies [`strip_member_rules`] to every `schema` of the paths (parameters, bodies).
fn strip_path_schemas(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "schema" {
                    strip_member_rules(value);
                } else {
                    strip_path_schemas(value);
                }
            }
        }
        serde_json::Value::Array(list) => list.iter_mut().for_each(strip_path_schemas),
        _ => {}
    }
}

/// The document progenitor gets: the spec without the bodiless 2xx responses listed in
/// `empty_success` (progenitor panics on 2xx responses of different kinds), and without the
/// [`MEMBER_RULES`] (typify turns an object with a `not` into an uninhabited enum).
fn progenitor_view(mut raw: serde_json::Value, ops: &[OpMeta]) -> Result<OpenAPI, String> {
    if let Some(schemas) = raw
        .pointer_mut("/components/schemas")
        .and_then(|s| s.as_object_mut())
    {
        schemas.values_mut().for_each(strip_member_rules);
    }
    if let Some(paths) = raw.get_mut("paths") {
        strip_path_schemas(paths);
    }
    for op in ops.iter().filter(|o| !o.empty_success.is_empty()) {
        let responses = raw
            .get_mut("paths")
            .and_then(|p| p.get_mut(&op.path))
            .and_then(|p| p.get_mut(op.method.to_lowercase()))
            .and_then(|o| o.get_mut("responses"))
            .and_then(|r| r.as_object_mut())
            .ok_or_else(|| format!("{SPEC}: {} {}: no responses", op.method, op.path))?;
        for code in &op.empty_success {
            responses.remove(&code.to_string());
        }
    }
    serde_json::from_value(raw).map_err(|e| format!("{SPEC}: not an OpenAPI 3.0 document: {e}"))
}

/// Checks every operation against the rules of this project and the constructs progenitor 0.15
/// panics on. Every message names the file and the operation.
fn check(spec: &OpenAPI, raw: &serde_json::Value) -> Result<Vec<OpMeta>, String> {
    let mut errors = Vec::new();
    let mut ids = BTreeSet::new();
    let mut ops = Vec::new();
    let global_security = spec
        .security
        .as_ref()
        .map(|s| !s.is_empty())
        .unwrap_or(false);

    for (path, item) in spec.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            errors.push(format!(
                "{SPEC}: path {path}: a $ref'd path item is not supported"
            ));
            continue;
        };
        for (method, op) in item.iter() {
            let at = format!("{SPEC}: {} {path}", method.to_uppercase());
            let Some(id) = op.operation_id.clone() else {
                errors.push(format!("{at}: no operationId"));
                continue;
            };
            let at = format!("{at} ({id})");
            if !ids.insert(id.clone()) {
                errors.push(format!("{at}: duplicate operationId"));
            }
            if !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                || !id.contains('_')
            {
                errors.push(format!(
                    "{at}: operationId must be <resource>_<verb> in snake_case"
                ));
            }
            if op.tags.len() != 1 {
                errors.push(format!("{at}: needs exactly one tag (its manager)"));
            }
            if op.summary.as_deref().unwrap_or("").is_empty() {
                errors.push(format!("{at}: needs a summary"));
            }
            if op.description.as_deref().unwrap_or("").is_empty() {
                errors.push(format!(
                    "{at}: needs a description (it becomes the generated docs)"
                ));
            }
            let apis = raw_op(raw, path, method)
                .and_then(|o| o.get("x-keystone-api"))
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            if apis.is_empty() || apis.iter().any(|a| a != "public" && a != "admin") {
                errors.push(format!(
                    "{at}: x-keystone-api must list `public` and/or `admin`"
                ));
            } else if let Err(e) = check_servers(raw, path, method, &apis) {
                errors.push(format!("{at}: {e}"));
            }
            let empty_success = check_responses(spec, op, &at, &mut errors);
            check_body(op, &at, &mut errors);
            let mut secret_params = Vec::new();
            for p in item.parameters.iter().chain(op.parameters.iter()) {
                let (name, secret) = match p {
                    ReferenceOr::Reference { reference } => {
                        let key = reference.trim_start_matches("#/components/parameters/");
                        let secret = raw
                            .pointer(&format!("/components/parameters/{key}/x-keystone-secret"))
                            .and_then(|v| v.as_bool())
                            .unwrap_or(false);
                        let param = spec
                            .components
                            .as_ref()
                            .and_then(|c| c.parameters.get(key))
                            .and_then(|p| p.as_item());
                        match param {
                            Some(p) => {
                                check_param_location(p, &at, &mut errors);
                                (param_name(p).to_owned(), secret)
                            }
                            None => {
                                errors.push(format!("{at}: unknown parameter {reference}"));
                                continue;
                            }
                        }
                    }
                    ReferenceOr::Item(p) => {
                        check_param_location(p, &at, &mut errors);
                        (param_name(p).to_owned(), false)
                    }
                };
                if secret {
                    secret_params.push(name);
                }
            }
            let authenticated = op
                .security
                .as_ref()
                .map(|s| !s.is_empty())
                .unwrap_or(global_security);
            ops.push(OpMeta {
                id,
                method: method.to_uppercase(),
                path: path.clone(),
                tag: op.tags.first().cloned().unwrap_or_default(),
                apis,
                authenticated,
                secret_params,
                empty_success,
            });
        }
    }
    check_enums(raw, &mut errors);
    if errors.is_empty() {
        Ok(ops)
    } else {
        Err(format!(
            "{} problem(s) in the spec:\n  {}",
            errors.len(),
            errors.join("\n  ")
        ))
    }
}

/// An operation only one API serves names it in an operation-level `servers` entry equal to
/// that API's top-level entry (the public API first, the admin API second); an operation both
/// serve has no operation-level `servers`, so it gets both.
fn check_servers(
    raw: &serde_json::Value,
    path: &str,
    method: &str,
    apis: &[String],
) -> Result<(), String> {
    let top = raw
        .get("servers")
        .and_then(|s| s.as_array())
        .filter(|s| s.len() == 2)
        .ok_or("the top-level `servers` must list the public API, then the admin API")?;
    let own = raw_op(raw, path, method).and_then(|o| o.get("servers"));
    let expected = match (
        apis.contains(&"public".into()),
        apis.contains(&"admin".into()),
    ) {
        (true, true) => None,
        (true, false) => Some(("public", &top[0])),
        _ => Some(("admin", &top[1])),
    };
    match (expected, own) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err("served by both APIs: no operation-level `servers`".into()),
        (Some((_, server)), Some(serde_json::Value::Array(list)))
            if list.len() == 1 && &list[0] == server =>
        {
            Ok(())
        }
        (Some((api, _)), _) => Err(format!(
            "x-keystone-api is [{api}]: `servers` must be the {api} entry of the top-level `servers` (`[*{api}-api]`)"
        )),
    }
}

fn param_name(p: &Parameter) -> &str {
    &p.parameter_data_ref().name
}

/// Parameters go in the path or the query only. Not in a cookie; and not in a header, because
/// the request engine does not search a generated request's headers for secrets (it knows they
/// are `Accept`, `Content-Type` and the token header): a header parameter would need that
/// search first.
fn check_param_location(p: &Parameter, at: &str, errors: &mut Vec<String>) {
    match p {
        Parameter::Cookie { .. } => errors.push(format!("{at}: cookie parameters are not supported")),
        Parameter::Header { .. } => errors.push(format!(
            "{at}: header parameters are not supported (the request engine does not search a generated request's headers for secrets)"
        )),
        Parameter::Path { .. } | Parameter::Query { .. } => {}
    }
}

fn raw_op<'a>(
    raw: &'a serde_json::Value,
    path: &str,
    method: &str,
) -> Option<&'a serde_json::Value> {
    raw.get("paths")?.get(path)?.get(method)
}

/// Resolves a response reference and describes its body: `None` for no body, else the schema
/// reference (or an inline marker) of its JSON content, or the media type for other content.
fn body_kind(spec: &OpenAPI, r: &ReferenceOr<Response>) -> Result<Option<String>, String> {
    let resp = match r {
        ReferenceOr::Item(r) => r,
        ReferenceOr::Reference { reference } => {
            let key = reference.trim_start_matches("#/components/responses/");
            spec.components
                .as_ref()
                .and_then(|c| c.responses.get(key))
                .and_then(|r| r.as_item())
                .ok_or_else(|| format!("unknown response {reference}"))?
        }
    };
    let Some((media, content)) = resp.content.iter().next() else {
        return Ok(None);
    };
    if resp.content.len() > 1 {
        return Err("a response with two media types".into());
    }
    Ok(Some(match &content.schema {
        Some(ReferenceOr::Reference { reference }) if media == "application/json" => {
            reference.clone()
        }
        Some(_) if media == "application/json" => "inline json".into(),
        _ => media.clone(),
    }))
}

/// Checks the responses of an operation and returns its bodiless 2xx statuses declared beside
/// a 2xx with a body: the one mix of 2xx kinds allowed (a server may answer a success without
/// a body), which `without_empty_success` hides from progenitor.
fn check_responses(spec: &OpenAPI, op: &Operation, at: &str, errors: &mut Vec<String>) -> Vec<u16> {
    if op.responses.default.is_some() {
        errors.push(format!(
            "{at}: a `default` response (progenitor panics): list the codes"
        ));
    }
    let mut success = BTreeMap::new();
    let mut failure = BTreeMap::new();
    for (code, r) in &op.responses.responses {
        let kind = match body_kind(spec, r) {
            Ok(k) => k,
            Err(e) => {
                errors.push(format!("{at}: response {code}: {e}"));
                continue;
            }
        };
        let n = match code {
            StatusCode::Code(n) => *n,
            StatusCode::Range(r) => r * 100,
        };
        match n {
            200..=299 => success.insert(code.to_string(), kind),
            400..=599 => failure.insert(code.to_string(), kind),
            _ => None,
        };
    }
    let distinct = |m: &BTreeMap<String, Option<String>>| m.values().collect::<BTreeSet<_>>().len();
    let bodies = success.values().flatten().collect::<BTreeSet<_>>().len();
    let mut empty_success = Vec::new();
    if bodies > 1 {
        errors.push(format!(
            "{at}: 2xx responses with bodies of different kinds {success:?} (progenitor panics)"
        ));
    } else if bodies == 1 {
        // Bodiless 2xx beside the one body kind: allowed, and hidden from progenitor.
        for (code, kind) in &success {
            if kind.is_some() {
                continue;
            }
            match code.parse::<u16>() {
                Ok(n) => empty_success.push(n),
                Err(_) => errors.push(format!(
                    "{at}: a bodiless {code} range beside a 2xx with a body: list the codes"
                )),
            }
        }
    }
    if distinct(&failure) > 1 {
        errors.push(format!(
            "{at}: error responses of different kinds {failure:?} (progenitor panics)"
        ));
    }
    empty_success
}

fn check_body(op: &Operation, at: &str, errors: &mut Vec<String>) {
    if let Some(ReferenceOr::Item(body)) = &op.request_body {
        if body.content.len() != 1 || !body.content.contains_key("application/json") {
            errors.push(format!(
                "{at}: the request body must have exactly one media type, application/json"
            ));
        }
    }
}

/// Progenitor panics on a string enum whose values differ only by case.
fn check_enums(v: &serde_json::Value, errors: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(values)) = map.get("enum") {
                let mut seen = BTreeSet::new();
                for s in values.iter().filter_map(|v| v.as_str()) {
                    if !seen.insert(s.to_lowercase()) {
                        errors.push(format!(
                            "{SPEC}: enum value {s:?} differs from another only by case"
                        ));
                    }
                }
            }
            map.values().for_each(|v| check_enums(v, errors));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| check_enums(v, errors)),
        _ => {}
    }
}

fn operations_table(ops: &[OpMeta]) -> String {
    let mut s = String::from("// Generated by build.rs from the spec; do not modify.\n\n");
    s.push_str("/// Every operation of the spec, in path order.\npub const OPERATIONS: &[Operation] = &[\n");
    for o in ops {
        let apis: Vec<String> = o
            .apis
            .iter()
            .map(|a| {
                if a == "public" {
                    "Api::Public".into()
                } else {
                    "Api::Admin".into()
                }
            })
            .collect();
        let _ = writeln!(
            s,
            "    Operation {{ id: {:?}, method: {:?}, path: {:?}, tag: {:?}, apis: &[{}], authenticated: {}, secret_params: &{:?}, empty_success: &{:?} }},",
            o.id, o.method, o.path, o.tag, apis.join(", "), o.authenticated, o.secret_params, o.empty_success
        );
    }
    s.push_str("];\n\n");
    s.push_str(
        "/// The operation whose operationId is `id` (snake_case, as progenitor's `OperationInfo`\n\
         /// names it). A `match`, not a scan: the hooks look the operation up on every request; and\n\
         /// a `const fn`, so that a manager's operation name is checked when the crate builds.\n\
         ///\n\
         /// ```\n\
         /// let op = keystone_v2::operations::find(\"tenants_create\").unwrap();\n\
         /// assert_eq!(op.method, \"POST\");\n\
         /// assert!(keystone_v2::operations::find(\"no_such_operation\").is_none());\n\
         /// ```\n\
         pub const fn find(id: &str) -> Option<&'static Operation> {\n\
         \x20   // Byte strings: a `str` cannot be matched in a `const fn`.\n\
         \x20   match id.as_bytes() {\n",
    );
    for (i, o) in ops.iter().enumerate() {
        let _ = writeln!(s, "        b{:?} => Some(&OPERATIONS[{i}]),", o.id);
    }
    s.push_str("        _ => None,\n    }\n}\n");
    s
}
