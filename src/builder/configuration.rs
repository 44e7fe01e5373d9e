//! A builder from the configuration users already have (`clouds.yaml`, `secure.yaml`, the
//! `OS_*` variables, with openstacksdk's rules), and the explanation of where each setting
//! came from.

use std::sync::Arc;
use std::time::Duration;

use super::{ClientBuilder, Pem};
use crate::config::{Environment, Explanation, Setting, Source, Value};
use crate::{Error, Result, Secret};

impl ClientBuilder {
    /// A builder from the configuration users already have, with openstacksdk's rules (see
    /// [`crate::config`]): the cloud named by `OS_CLOUD` in `clouds.yaml` (with `secure.yaml`
    /// merged over it), else the cloud of the `OS_*` variables (`OS_AUTH_URL`,
    /// `OS_USERNAME`, `OS_PASSWORD`, `OS_TENANT_NAME`, `OS_INTERFACE`, `OS_TRUST_ID`,
    /// `OS_AUTH_TYPE`, `OS_SERVICE_TOKEN`, ...), else the only cloud of `clouds.yaml`.
    /// Unset or empty variables are left out. A configuration error (an unknown cloud or
    /// region, `identity_api_version: 3`, ...) is returned by [`ClientBuilder::build`] and
    /// shown by [`ClientBuilder::explain`]; methods called afterwards override the files.
    ///
    /// ```no_run
    /// let client = keystone_v2::ClientBuilder::from_env().build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_env() -> Self {
        Self::from_config(&Environment::from_process(), None).unwrap_or_else(Self::failed)
    }

    /// A builder for the cloud `name` of `clouds.yaml` (the argument wins over `OS_CLOUD`),
    /// read as [`ClientBuilder::from_env`] reads it. Errors (an unknown cloud lists the valid
    /// ones and names the file) are returned by [`ClientBuilder::build`].
    ///
    /// ```no_run
    /// let client = keystone_v2::ClientBuilder::from_cloud("mycloud").build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_cloud(name: &str) -> Self {
        Self::from_config(&Environment::from_process(), Some(name)).unwrap_or_else(Self::failed)
    }

    /// A builder from the configuration of `env` (your own [`Environment`]: variables,
    /// directories searched), for the cloud `cloud` or, with `None`, the default cloud
    /// (`OS_CLOUD`, the `OS_*` variables, the only cloud). Without any configuration it is
    /// an empty builder.
    ///
    /// # Errors
    /// [`Error::Configuration`] naming the file and key: an unknown cloud (with the valid
    /// names), several clouds and none chosen, an unknown region (with the valid ones), an
    /// `identity_api_version` other than 2, an unsupported `auth_type`, a malformed file.
    ///
    /// ```no_run
    /// use keystone_v2::config::Environment;
    /// let env = Environment::new().search_path(["/etc/myapp"]).var("OS_CLOUD", "prod");
    /// let client = keystone_v2::ClientBuilder::from_config(&env, None)?.build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_config(env: &Environment, cloud: Option<&str>) -> Result<Self> {
        let mut builder = Self::default();
        let Some(resolved) = crate::config::load(env, cloud)? else {
            builder.notes.push(format!(
                "no clouds.yaml found (searched {}) and no OS_* variables set",
                env.config_dirs()
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            return Ok(builder);
        };
        for (name, value, source) in resolved.entries {
            builder = match (name, value) {
                ("cloud", Value::Str(v)) => Self {
                    cloud: Some(v),
                    ..builder
                },
                ("auth_url", Value::Str(v)) => builder.auth_url(v),
                ("username", Value::Str(v)) => builder.username(v),
                ("user_id", Value::Str(v)) => builder.user_id(v),
                ("password", Value::Secret(v)) => builder.password(v),
                ("token", Value::Secret(v)) => builder.token(v),
                ("api_key", Value::Secret(v)) => builder.api_key(v),
                ("access_key", Value::Str(v)) => builder.access_key(v),
                ("secret_key", Value::Secret(v)) => builder.secret_key(v),
                ("tenant_name", Value::Str(v)) => builder.tenant_name(v),
                ("tenant_id", Value::Str(v)) => builder.tenant_id(v),
                ("trust_id", Value::Str(v)) => builder.trust_id(v),
                ("endpoint", Value::Str(v)) => builder.endpoint(v),
                ("region_name", Value::Str(v)) => builder.region_name(v),
                ("interface", Value::Interface(v)) => builder.interface(v),
                ("insecure", Value::Bool(v)) => builder.insecure(v),
                ("cacert", Value::Path(v)) => builder.cacert(v),
                ("cert", Value::Path(v)) => builder.cert(v),
                ("key", Value::Path(v)) => builder.key(v),
                ("timeout", Value::Seconds(v)) => builder.timeout(Duration::from_secs_f64(v)),
                ("token_cache", Value::Bool(true)) => {
                    let cache = crate::cache::FileTokenCache::in_environment(env)?;
                    builder.token_cache(Arc::new(cache))
                }
                (other, value) => {
                    tracing::debug!(target: "keystone_v2", setting = other, ?value, "unused resolved setting");
                    builder
                }
            };
            builder.sources.insert(name, source);
        }
        builder.notes.extend(resolved.notes);
        Ok(builder)
    }

    /// The builder of a configuration that failed: `build()` returns the error.
    fn failed(e: Error) -> Self {
        let message = match e {
            Error::Configuration(m) => m,
            other => other.to_string(),
        };
        Self {
            notes: vec![format!("configuration error: {message}")],
            deferred: Some(message),
            ..Self::default()
        }
    }

    /// Each setting with its source (a file and key, an environment variable, an argument,
    /// the default), secrets masked, and notes: the files read, the cloud chosen and why,
    /// keys ignored, the configuration error if any. Its `Display` is a table.
    ///
    /// ```no_run
    /// let builder = keystone_v2::ClientBuilder::from_env();
    /// println!("{}", builder.explain());
    /// ```
    pub fn explain(&self) -> Explanation {
        let mut settings = Vec::new();
        let mut push = |name: &'static str, value: Option<String>| {
            let source = self.sources.get(name).cloned();
            if let Some(value) = value {
                settings.push(Setting {
                    name,
                    value,
                    source: source.unwrap_or(Source::Default),
                });
            }
        };
        let masked = |s: &Option<Secret>| s.as_ref().map(|_| "***".to_owned());
        let pem = |p: &Option<Pem>| {
            p.as_ref().map(|p| match p {
                Pem::Path(p) => p.display().to_string(),
                Pem::Bytes(b) => format!("(PEM, {} bytes)", b.len()),
            })
        };
        push("cloud", self.cloud.clone());
        push("auth_url", self.auth_url.as_deref().map(crate::redact::url));
        push("username", self.username.clone());
        push("user_id", self.user_id.clone());
        push("password", masked(&self.password));
        push("token", masked(&self.token));
        push("api_key", masked(&self.api_key));
        push("access_key", self.access_key.clone());
        push("secret_key", masked(&self.secret_key));
        push("tenant_name", self.tenant_name.clone());
        push("tenant_id", self.tenant_id.clone());
        push("trust_id", self.trust_id.clone());
        push("region_name", self.region_name.clone());
        push("endpoint", self.endpoint.as_deref().map(crate::redact::url));
        push(
            "interface",
            Some(self.interface.unwrap_or_default().to_string()),
        );
        push(
            "auth_ref",
            self.auth_ref.as_ref().map(|_| "(saved token data)".into()),
        );
        push("cacert", pem(&self.cacert));
        push("cert", pem(&self.cert));
        push("key", pem(&self.key));
        push("insecure", Some(self.insecure.to_string()));
        push("timeout", Some(format!("{:?}", self.settings.timeout)));
        push(
            "attempt_timeout",
            self.settings.attempt_timeout.map(|d| format!("{d:?}")),
        );
        push("stale_duration", Some(format!("{:?}", self.stale_duration)));
        push("retries", Some(self.settings.retries.to_string()));
        push(
            "connect_retries",
            Some(self.settings.connect_retries.to_string()),
        );
        push("max_body_size", Some(self.settings.max_body.to_string()));
        push("user_agent", Some(self.effective_user_agent()));
        push(
            "retriable_status_codes",
            Some(format!("{:?}", self.settings.retriable)),
        );
        push(
            "retry_delay",
            Some(format!("{:?}", self.settings.retry_delay)),
        );
        push(
            "max_retry_delay",
            Some(format!("{:?}", self.settings.max_retry_delay)),
        );
        push("retry_jitter", Some(format!("{:?}", self.settings.jitter)));
        push("global_request_id", self.global_request_id.clone());
        push("rate_limit", self.rate_limit.map(|r| format!("{r}/s")));
        push(
            "max_concurrency",
            self.max_concurrency.map(|n| n.to_string()),
        );
        push(
            "tcp_keepalive",
            self.tcp_keepalive.map(|d| format!("{d:?}")),
        );
        push("collect_timing", Some(self.collect_timing.to_string()));
        push("log_curl", Some(self.settings.log_curl.to_string()));
        push(
            "endpoint_override",
            (!self.endpoint_overrides.is_empty()).then(|| {
                self.endpoint_overrides
                    .iter()
                    .map(|(t, u)| format!("{t}={}", crate::redact::url(u)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        );
        push("original_ip", self.original_ip.clone());
        push("debug", Some(self.settings.debug.to_string()));
        push(
            "token_cache",
            Some(match &self.token_cache {
                Some(c) => format!("{c:?}"),
                None => "off".into(),
            }),
        );
        Explanation {
            settings,
            notes: self.notes.clone(),
        }
    }
}
