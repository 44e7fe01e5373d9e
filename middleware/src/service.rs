//! The tower `Layer` and `Service`: keystonemiddleware's `process_request` and
//! `process_response`.

use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{Request, Response, StatusCode};
use http_body_util::{Either, Full};
use keystone_v2::{AccessInfo, Client};
use tower_layer::Layer;
use tower_service::Service;

use crate::cache::{Identity, Validator};
use crate::headers::{self, Stripper};
use crate::source::{BoxFuture, KeystoneSource, TokenSource, ValidationError};
use crate::{AuthTokenConfig, ConfigError};

/// keystonemiddleware's 401 body, byte for byte.
const UNAUTHORIZED_BODY: &str = r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#;
/// The 503 body (keystonemiddleware's message, in the same JSON shape as the 401).
const UNAVAILABLE_BODY: &str = r#"{"error": {"code": 503, "title": "Service Unavailable", "message": "The Keystone service is temporarily unavailable."}}"#;

/// The request extension of a request whose user token is valid.
///
/// ```no_run
/// # fn handler(req: http::Request<()>) {
/// use keystone_v2_middleware::UserAuth;
/// if let Some(UserAuth(access)) = req.extensions().get::<UserAuth>() {
///     println!("{} with roles {:?}", access.user_id(), access.role_names());
/// }
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct UserAuth(pub AccessInfo);

/// The request extension of a request whose service token (`X-Service-Token`) is valid.
///
/// ```no_run
/// # fn handler(req: http::Request<()>) {
/// use keystone_v2_middleware::ServiceAuth;
/// let from_a_service = req.extensions().get::<ServiceAuth>().is_some();
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct ServiceAuth(pub AccessInfo);

struct Shared {
    validator: Validator,
    stripper: Stripper,
    www_authenticate: HeaderValue,
    delay_auth_decision: bool,
    service_token_roles: Vec<String>,
    service_token_roles_required: bool,
}

/// The layer: put it in front of a service (axum `Router::layer`, tonic
/// `Server::builder().layer`, or any tower stack).
///
/// ```no_run
/// # async fn run(client: keystone_v2::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer};
/// let layer = AuthTokenLayer::new(client, AuthTokenConfig::new("https://keystone.example.com:5000/v2.0"))?;
/// // let app = axum::Router::new().route("/", get(handler)).layer(layer);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AuthTokenLayer {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for AuthTokenLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthTokenLayer")
            .field("cached_tokens", &self.shared.validator.cached())
            .finish_non_exhaustive()
    }
}

impl AuthTokenLayer {
    /// A layer that validates tokens against Keystone with the service's own `client` (built
    /// from `clouds.yaml`, `OS_*` variables or code; its user needs the admin role).
    ///
    /// # Errors
    /// [`ConfigError`] for options that cannot work.
    ///
    /// ```no_run
    /// # fn f() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = keystone_v2::ClientBuilder::from_cloud("mycloud").build()?;
    /// let layer = keystone_v2_middleware::AuthTokenLayer::new(
    ///     client,
    ///     keystone_v2_middleware::AuthTokenConfig::new("https://keystone.example.com:5000/v2.0"),
    /// )?;
    /// # Ok(()) }
    /// ```
    pub fn new(client: Client, config: AuthTokenConfig) -> Result<Self, ConfigError> {
        Self::with_source(Arc::new(KeystoneSource::new(client)), config)
    }

    /// A layer that validates tokens with another [`TokenSource`].
    ///
    /// # Errors
    /// [`ConfigError`] for options that cannot work.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) {
    /// use std::sync::Arc;
    /// use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer, KeystoneSource};
    /// let source = Arc::new(KeystoneSource::new(client));
    /// let layer = AuthTokenLayer::with_source(source, AuthTokenConfig::new("http://keystone:5000")).unwrap();
    /// # }
    /// ```
    pub fn with_source(
        source: Arc<dyn TokenSource>,
        config: AuthTokenConfig,
    ) -> Result<Self, ConfigError> {
        let validator = Validator::new(source, &config)?;
        let www_authenticate =
            HeaderValue::from_str(&format!("Keystone uri=\"{}\"", config.www_authenticate_uri))
                .map_err(|_| ConfigError::BadWwwAuthenticateUri)?;
        Ok(Self {
            shared: Arc::new(Shared {
                validator,
                stripper: Stripper::new(),
                www_authenticate,
                delay_auth_decision: config.delay_auth_decision,
                service_token_roles: config.service_token_roles,
                service_token_roles_required: config.service_token_roles_required,
            }),
        })
    }

    /// How many validated tokens the in-process cache holds now (at most
    /// [`Self::cache_capacity`]).
    ///
    /// ```no_run
    /// # fn f(layer: keystone_v2_middleware::AuthTokenLayer) {
    /// println!("{} tokens cached", layer.cached_tokens());
    /// # }
    /// ```
    pub fn cached_tokens(&self) -> usize {
        self.shared.validator.cached()
    }

    /// The most tokens the in-process cache holds (`token_cache_size`; 0 when caching is off).
    ///
    /// ```no_run
    /// # fn f(layer: keystone_v2_middleware::AuthTokenLayer) {
    /// assert!(layer.cached_tokens() <= layer.cache_capacity());
    /// # }
    /// ```
    pub fn cache_capacity(&self) -> usize {
        self.shared.validator.capacity()
    }

    /// How many validations are running now (one per distinct token at most).
    ///
    /// ```no_run
    /// # fn f(layer: keystone_v2_middleware::AuthTokenLayer) {
    /// println!("{} validations in flight", layer.validations_in_flight());
    /// # }
    /// ```
    pub fn validations_in_flight(&self) -> usize {
        self.shared.validator.in_flight()
    }
}

impl<S> Layer<S> for AuthTokenLayer {
    type Service = AuthToken<S>;

    fn layer(&self, inner: S) -> AuthToken<S> {
        AuthToken {
            inner,
            shared: self.shared.clone(),
        }
    }
}

/// The service the layer wraps around the application (see [`AuthTokenLayer`]).
#[derive(Clone)]
pub struct AuthToken<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S> std::fmt::Debug for AuthToken<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthToken").finish_non_exhaustive()
    }
}

/// The body of the layer's responses: the application's, or the layer's own 401 / 503.
pub type AuthBody<B> = Either<B, Full<Bytes>>;

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for AuthToken<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    ReqBody: Send + 'static,
{
    type Response = Response<AuthBody<ResBody>>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Self::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        // The clone is the one not yet driven to readiness: keep the ready one for this call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let shared = self.shared.clone();
        Box::pin(async move {
            if let Err(status) = shared.process_request(&mut req).await {
                return Ok(shared.reject(status));
            }
            let mut response = inner.call(req).await?;
            if response.status() == StatusCode::UNAUTHORIZED {
                response
                    .headers_mut()
                    .append(WWW_AUTHENTICATE, shared.www_authenticate.clone());
            }
            Ok(response.map(Either::Left))
        })
    }
}

/// What one token came to.
enum Verdict {
    Confirmed(Arc<Identity>),
    Invalid,
}

impl Shared {
    /// Strips, validates and marks the request; `Err` is the status to answer instead.
    async fn process_request<B>(&self, req: &mut Request<B>) -> Result<(), StatusCode> {
        self.stripper.strip(req.headers_mut());
        let mut service_confirmed = true;
        let mut service_access = None;
        if let Some(token) = headers::token(req.headers(), &[headers::X_SERVICE_TOKEN]) {
            match self.verdict(token).await? {
                Verdict::Confirmed(identity)
                    if identity.service_headers.is_some()
                        && self.has_service_role(&identity.access) =>
                {
                    service_access = Some(identity)
                }
                _ => service_confirmed = false,
            }
            set_status(req, headers::X_SERVICE_IDENTITY_STATUS, service_confirmed);
        }
        let user_token = headers::token(
            req.headers(),
            &[headers::X_AUTH_TOKEN, headers::X_STORAGE_TOKEN],
        );
        let user_access = match user_token {
            Some(token) => match self.verdict(token).await? {
                Verdict::Confirmed(identity) => Some(identity),
                Verdict::Invalid => None,
            },
            None => None,
        };
        set_status(req, headers::X_IDENTITY_STATUS, user_access.is_some());
        if (user_access.is_none() || !service_confirmed) && !self.delay_auth_decision {
            return Err(StatusCode::UNAUTHORIZED);
        }
        if let Some(identity) = user_access {
            match &identity.user_headers {
                Some(set) => extend(req, set),
                None => {
                    tracing::warn!("the token's data cannot be sent in headers: token rejected");
                    set_status(req, headers::X_IDENTITY_STATUS, false);
                    if !self.delay_auth_decision {
                        return Err(StatusCode::UNAUTHORIZED);
                    }
                    return Ok(());
                }
            }
            req.extensions_mut()
                .insert(UserAuth(identity.access.clone()));
        }
        if let Some(identity) = service_access {
            if let Some(set) = &identity.service_headers {
                extend(req, set);
            }
            req.extensions_mut()
                .insert(ServiceAuth(identity.access.clone()));
        }
        Ok(())
    }

    /// One token's verdict; `Err(503)` when Keystone cannot be asked and the decision is not
    /// delayed.
    async fn verdict(&self, token: &str) -> Result<Verdict, StatusCode> {
        match self.validator.check(token).await {
            Ok(access) => Ok(Verdict::Confirmed(access)),
            Err(ValidationError::Invalid) => {
                tracing::info!("invalid token");
                Ok(Verdict::Invalid)
            }
            Err(ValidationError::Unavailable(reason)) => {
                tracing::error!(%reason, "unable to validate token");
                if self.delay_auth_decision {
                    Ok(Verdict::Invalid)
                } else {
                    Err(StatusCode::SERVICE_UNAVAILABLE)
                }
            }
        }
    }

    fn has_service_role(&self, access: &AccessInfo) -> bool {
        !self.service_token_roles_required
            || access
                .role_names()
                .iter()
                .any(|r| self.service_token_roles.iter().any(|s| s == r))
    }

    fn reject<B>(&self, status: StatusCode) -> Response<AuthBody<B>> {
        let body = if status == StatusCode::UNAUTHORIZED {
            UNAUTHORIZED_BODY
        } else {
            UNAVAILABLE_BODY
        };
        let mut response = Response::new(Either::Right(Full::new(Bytes::from_static(
            body.as_bytes(),
        ))));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(WWW_AUTHENTICATE, self.www_authenticate.clone());
        }
        response
    }
}

fn set_status<B>(req: &mut Request<B>, name: &'static str, confirmed: bool) {
    let value = HeaderValue::from_static(if confirmed { "Confirmed" } else { "Invalid" });
    req.headers_mut()
        .insert(HeaderName::from_static(name), value);
}

fn extend<B>(req: &mut Request<B>, set: &[(HeaderName, HeaderValue)]) {
    let headers = req.headers_mut();
    for (name, value) in set {
        headers.insert(name.clone(), value.clone());
    }
}
