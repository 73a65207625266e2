# Sourced by the bench scripts: bench_token DIR makes an RSA key pair in DIR, signs an admin access token with it
# (RS256, as Keycloak does) and sets TOKEN, AUTH ("Authorization: Bearer ...") and BENCH_OIDC_OPTS (the JVM options
# that make a service verify exactly these tokens: public key, issuer, audience; no provider is contacted).
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
bench_token() {
  local dir=$1 now header payload signature
  openssl genrsa -out "$dir/bench-key.pem" 2048 2>/dev/null
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
  payload=$(printf '{"iss":"https://bench.mfs.invalid/realms/mfs","sub":"5b0c2d1e-bench","preferred_username":"bench-admin","aud":"mfs-api","iat":%d,"exp":%d,"realm_access":{"roles":["admin"]}}' \
    "$now" "$((now + 4 * 3600))" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/bench-key.pem" -binary | b64url)
  TOKEN="$header.$payload.$signature"
  AUTH="Authorization: Bearer $TOKEN"
  BENCH_OIDC_OPTS="-Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key=$(openssl rsa -in "$dir/bench-key.pem" -pubout -outform DER 2>/dev/null | base64 -w0) -Dquarkus.oidc.token.issuer=https://bench.mfs.invalid/realms/mfs -Dquarkus.oidc.token.audience=mfs-api"
}
