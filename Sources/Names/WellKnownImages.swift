/// The images Safeguard knows by name: Docker's official library, the namespaces and registries of widely used
/// vendors, and the registry hosts people pull from. A name close to one of these, but not one of them, is what a
/// typo-squatter publishes.
///
/// Kept in the source rather than fetched: a scan must not depend on the network to know what is official, and a
/// list an attacker could edit would defeat the check. Extend it at run time with `NameChecks.extraNames` (the
/// catalog of vetted images).
public enum WellKnownImages {
    /// Docker Official Images currently published under `docker.io/library/`.
    public static let officialNames: Set<String> = [
        "adminer", "aerospike", "almalinux", "alpine", "alt", "amazoncorretto", "amazonlinux", "api-firewall",
        "arangodb", "archlinux", "azul-zulu", "backdrop", "bash", "bonita", "buildpack-deps", "busybox", "caddy",
        "cassandra", "chronograf", "cirros", "clearlinux", "clefos", "clickhouse", "clojure", "composer",
        "convertigo", "couchbase", "couchdb", "crate", "dart", "debian", "docker", "drupal", "eclipse-mosquitto",
        "eclipse-temurin", "eggdrop", "elasticsearch", "elixir", "emqx", "erlang", "espocrm", "fedora", "flink",
        "fluentd", "friendica", "gazebo", "gcc", "geonetwork", "ghost", "golang", "gradle", "groovy", "haproxy",
        "haskell", "haxe", "hello-world", "hitch", "httpd", "hylang", "ibm-semeru-runtimes", "ibmjava", "influxdb",
        "irssi", "jetty", "joomla", "jruby", "julia", "kapacitor", "kibana", "kong", "krakend", "lightstreamer",
        "liquibase", "logstash", "mageia", "mariadb", "matomo", "maven", "mediawiki", "memcached", "mongo",
        "mongo-express", "monica", "mysql", "nats", "neo4j", "neurodebian", "nextcloud", "nginx", "nim", "node",
        "notary", "odoo", "open-liberty", "openjdk", "oraclelinux", "orientdb", "percona", "perl", "photon", "php",
        "php-zendserver", "phpmyadmin", "plone", "postfixadmin", "postgres", "pypy", "python", "r-base", "rabbitmq",
        "rakudo-star", "redis", "redmine", "registry", "rethinkdb", "rocket.chat", "rockylinux", "ros", "ruby",
        "rust", "sapmachine", "satosa", "silverpeas", "solr", "sonarqube", "spark", "spiped", "storm", "swift",
        "swipl", "teamspeak", "telegraf", "tomcat", "tomee", "traefik", "ubuntu", "unit", "varnish",
        "websphere-liberty", "wordpress", "xwiki", "yourls", "znc", "zookeeper",
    ]

    /// Official images Docker has retired. They still resolve and are still pulled, so look-alikes of them are
    /// still worth publishing for an attacker.
    public static let retiredOfficialNames: Set<String> = [
        "adoptopenjdk", "celery", "centos", "consul", "couchdb-nouveau", "crux", "django", "docker-dev", "euleros",
        "express-gateway", "fsharp", "glassfish", "hipache", "iojs", "java", "jenkins", "jobber", "kaazing-gateway",
        "known", "lightstreamer-server", "mono", "mosquitto", "nats-streaming", "notary-server", "notary-signer",
        "nuxeo", "opensuse",
        "owncloud", "piwik", "rails", "rapidoid", "sentry", "sourcemage", "swarm", "thrift", "ubuntu-debootstrap",
        "ubuntu-upstart", "vault", "zend-php",
    ]

    /// Official names that are ordinary words or tools an organisation names its own images after
    /// (`acme/registry`, `acme/spark`): under another namespace they are not taken for the official image. Their
    /// look-alikes are still flagged.
    public static let ordinaryWordNames: Set<String> = [
        "alt", "unit", "spark", "storm", "swift", "ghost", "crate", "hitch", "known", "monica", "registry", "notary",
        "composer", "bash", "gazebo",
    ]

    /// Every name under `library/` that Docker publishes or published.
    public static let allOfficialNames = officialNames.union(retiredOfficialNames)

    /// Namespaces of widely used vendors and projects, on Docker Hub and elsewhere. A mirror keeps the path, so a
    /// namespace is trusted whatever registry holds it.
    public static let vendorNamespaces: Set<String> = [
        // Docker Hub
        "bitnami", "bitnamicharts", "bitnamilegacy", "ubuntu", "amazon", "grafana", "prom", "hashicorp", "jenkins",
        "gitlab", "sonatype", "portainer", "rancher", "nginxinc", "nginx", "circleci", "cimg", "selenium",
        "localstack", "minio", "redislabs", "redis", "mongodb", "confluentinc", "datadog", "newrelic", "atlassian",
        "jetbrains", "apache", "istio", "envoyproxy", "kong", "traefik", "docker", "clickhouse", "cockroachdb",
        "timescale", "postgis", "gitea", "drone", "openpolicyagent", "aquasec", "curlimages", "alpine", "ollama",
        "pytorch", "tensorflow", "nvidia", "dpage", "mysql", "percona", "linuxserver", "homeassistant", "pihole",
        "plexinc", "jellyfin", "sonarsource", "cloudflare", "openzipkin", "jaegertracing", "otel", "fluent",
        "falcosecurity", "calico", "cilium", "coredns", "kindest", "camunda", "haproxytech", "influxdata",
        "couchbase", "mariadb", "osrf", "eclipse", "ibmcom", "elastic", "library", "caddy", "nats", "vault",
        "kubernetesui", "argoproj", "microsoft", "google", "oraclelinux", "fedora", "opensuse",
        "containrrr", "vaultwarden", "louislam", "n8nio", "authelia", "getsentry", "sourcegraph", "temporalio",
        "airbyte", "bellsoft", "azul", "adoptopenjdk", "eclipse-temurin", "gradle", "maven", "sapmachine",
        // quay.io
        "prometheus", "prometheus-operator", "coreos", "jetstack", "keycloak", "podman", "buildah", "skopeo",
        "containers", "strimzi", "thanos", "metallb", "brancz", "openshift", "centos", "centos-bootc", "redhat",
        // ghcr.io
        "actions", "github", "aquasecurity", "fluxcd", "open-telemetry", "home-assistant", "external-secrets",
        "kyverno", "sigstore", "chainguard-dev", "oras-project", "containerd", "dexidp", "goharbor",
        "cloudnative-pg", "dependabot", "renovatebot",
        // gcr.io and Artifact Registry
        "distroless", "google-containers", "kaniko-project", "cloud-builders", "k8s-artifacts-prod",
        "knative-releases", "istio-release", "tekton-releases", "gke-release", "cloudsql-docker", "ml-pipeline",
        // public.ecr.aws
        "lambda", "amazonlinux", "aws-cli", "aws-observability", "eks", "eks-distro", "karpenter", "aws-containers",
        // cgr.dev
        "chainguard",
        // registry.access.redhat.com and registry.redhat.io
        "ubi7", "ubi8", "ubi9", "ubi10", "rhel8", "rhel9", "rhel10",
    ]

    /// Registries where only their owner publishes: every path there is the vendor's own.
    public static let vendorRegistries: Set<String> = [
        "mcr.microsoft.com", "registry.k8s.io", "k8s.gcr.io", "registry.access.redhat.com", "registry.redhat.io",
        "docker.elastic.co", "nvcr.io", "container-registry.oracle.com", "registry.suse.com",
        "registry.opensuse.org", "lscr.io", "cgr.dev",
    ]

    /// Registry hosts people pull from, by their canonical names. A host one edit or one look-alike away from one
    /// of these is a lure.
    public static let registryHosts: Set<String> = vendorRegistries.union([
        "docker.io", "index.docker.io", "registry-1.docker.io", "ghcr.io", "quay.io", "gcr.io", "us.gcr.io",
        "eu.gcr.io", "asia.gcr.io", "public.ecr.aws", "registry.gitlab.com", "registry.fedoraproject.org",
    ])
}
