--liquibase formatted sql

--changeset herald:001-tenant
CREATE TABLE tenant (
    id             uuid PRIMARY KEY,
    slug           varchar(63)  NOT NULL,
    name           varchar(200) NOT NULL,
    default_locale varchar(35)  NOT NULL DEFAULT 'en',
    created_at     timestamptz  NOT NULL,
    CONSTRAINT tenant_slug_uk UNIQUE (slug)
);

--changeset herald:001-api-key
CREATE TABLE api_key (
    id           uuid PRIMARY KEY,
    tenant_id    uuid         NOT NULL REFERENCES tenant (id),
    name         varchar(200) NOT NULL,
    prefix       varchar(32)  NOT NULL,
    secret_hash  varchar(128) NOT NULL,
    created_at   timestamptz  NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_key_prefix_uk UNIQUE (prefix)
);
CREATE INDEX api_key_tenant_idx ON api_key (tenant_id);

--changeset herald:001-app-user
CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    tenant_id     uuid REFERENCES tenant (id),
    username      varchar(200) NOT NULL,
    password_hash varchar(200) NOT NULL,
    role          varchar(32)  NOT NULL,
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT app_user_username_uk UNIQUE (username),
    CONSTRAINT app_user_role_ck CHECK (role IN ('OPERATOR', 'TENANT_ADMIN', 'TENANT_VIEWER')),
    CONSTRAINT app_user_tenant_ck CHECK ((role = 'OPERATOR') = (tenant_id IS NULL))
);

--changeset herald:001-event-type
CREATE TABLE event_type (
    id             uuid PRIMARY KEY,
    tenant_id      uuid         NOT NULL REFERENCES tenant (id),
    name           varchar(200) NOT NULL,
    description    text,
    json_schema    text,
    sample_payload text,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    CONSTRAINT event_type_name_uk UNIQUE (tenant_id, name)
);

--changeset herald:001-template
-- Every row is one immutable version; a new version is a new row.
CREATE TABLE template (
    id         uuid PRIMARY KEY,
    tenant_id  uuid         NOT NULL REFERENCES tenant (id),
    name       varchar(200) NOT NULL,
    channel    varchar(16)  NOT NULL,
    locale     varchar(35)  NOT NULL,
    version    integer      NOT NULL,
    subject    text,
    body       text         NOT NULL,
    created_at timestamptz  NOT NULL,
    CONSTRAINT template_version_uk UNIQUE (tenant_id, name, channel, locale, version),
    CONSTRAINT template_channel_ck CHECK (channel IN ('WEBHOOK', 'EMAIL', 'PUSH'))
);

--changeset herald:001-subscription
CREATE TABLE subscription (
    id             uuid PRIMARY KEY,
    tenant_id      uuid         NOT NULL REFERENCES tenant (id),
    event_type_id  uuid         NOT NULL REFERENCES event_type (id),
    template_name  varchar(200) NOT NULL,
    channel        varchar(16)  NOT NULL,
    endpoint       text,
    signing_secret text,
    recipient_rule varchar(500) NOT NULL DEFAULT 'subject',
    filter         text,
    enabled        boolean      NOT NULL DEFAULT true,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    CONSTRAINT subscription_channel_ck CHECK (channel IN ('WEBHOOK', 'EMAIL', 'PUSH'))
);
CREATE INDEX subscription_match_idx ON subscription (tenant_id, event_type_id) WHERE enabled;

--changeset herald:001-recipient
CREATE TABLE recipient (
    id                   uuid PRIMARY KEY,
    tenant_id            uuid         NOT NULL REFERENCES tenant (id),
    external_id          varchar(200) NOT NULL,
    email                varchar(320),
    phone                varchar(32),
    push_tokens          text,
    locale               varchar(35),
    time_zone            varchar(64),
    opt_out_channels     text,
    opt_out_event_types  text,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    CONSTRAINT recipient_external_id_uk UNIQUE (tenant_id, external_id)
);

--changeset herald:001-event
-- The queryable event log. (tenant_id, event_id) is the final guard against processing a fact twice.
CREATE TABLE event (
    tenant_id       uuid         NOT NULL REFERENCES tenant (id),
    event_id        varchar(200) NOT NULL,
    type            varchar(200) NOT NULL,
    source          varchar(500) NOT NULL,
    subject         varchar(500),
    time            timestamptz,
    datacontenttype varchar(100),
    data            text,
    received_at     timestamptz  NOT NULL,
    CONSTRAINT event_pk PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX event_type_time_idx ON event (tenant_id, type, received_at);

--changeset herald:001-notification
-- The outbox: one message to one recipient on one channel for one event and subscription.
CREATE TABLE notification (
    id               uuid PRIMARY KEY,
    tenant_id        uuid         NOT NULL,
    event_id         varchar(200) NOT NULL,
    event_type       varchar(200) NOT NULL,
    subscription_id  uuid         NOT NULL REFERENCES subscription (id),
    channel          varchar(16)  NOT NULL,
    recipient        varchar(500) NOT NULL,
    address          varchar(2000),
    template_id      uuid REFERENCES template (id),
    template_version integer,
    subject          text,
    body             text,
    status           varchar(16)  NOT NULL,
    status_reason    text,
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    claimed_until    timestamptz,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT notification_event_fk FOREIGN KEY (tenant_id, event_id) REFERENCES event (tenant_id, event_id),
    CONSTRAINT notification_once_uk UNIQUE (tenant_id, event_id, subscription_id, channel, recipient),
    CONSTRAINT notification_status_ck CHECK (status IN
        ('PENDING', 'SENDING', 'SENT', 'RETRYING', 'DEAD', 'SUPPRESSED', 'FAILED'))
);
-- Serves the dispatcher's claim of due rows (FOR UPDATE SKIP LOCKED) and only holds rows that still wait.
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
-- Serves the recovery of rows whose sender died while SENDING.
CREATE INDEX notification_claimed_idx ON notification (claimed_until) WHERE status = 'SENDING';
CREATE INDEX notification_tenant_status_idx ON notification (tenant_id, status, created_at);

--changeset herald:001-delivery-attempt
CREATE TABLE delivery_attempt (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid        NOT NULL,
    notification_id     uuid        NOT NULL REFERENCES notification (id),
    attempt_number      integer     NOT NULL,
    started_at          timestamptz NOT NULL,
    latency_ms          bigint      NOT NULL,
    outcome             varchar(16) NOT NULL,
    http_status         integer,
    provider_message_id varchar(500),
    error               text,
    CONSTRAINT delivery_attempt_number_uk UNIQUE (notification_id, attempt_number)
);

--changeset herald:001-audit-log
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid,
    actor_type  varchar(16)  NOT NULL,
    actor       varchar(200) NOT NULL,
    action      varchar(100) NOT NULL,
    entity_type varchar(64)  NOT NULL,
    entity_id   varchar(200) NOT NULL,
    details     text,
    created_at  timestamptz  NOT NULL,
    CONSTRAINT audit_log_actor_type_ck CHECK (actor_type IN ('USER', 'API_KEY', 'SYSTEM'))
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, created_at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

--changeset herald:001-audit-log-append-only splitStatements:false
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

--changeset herald:001-replay-job
CREATE TABLE replay_job (
    id           uuid PRIMARY KEY,
    tenant_id    uuid REFERENCES tenant (id),
    requested_by varchar(200) NOT NULL,
    kind         varchar(16)  NOT NULL,
    criteria     text         NOT NULL,
    dry_run      boolean      NOT NULL,
    status       varchar(16)  NOT NULL,
    matched      integer      NOT NULL DEFAULT 0,
    requeued     integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL,
    finished_at  timestamptz
);

--changeset herald:001-channel-settings
-- Per-tenant provider settings; the settings column holds AES-GCM ciphertext only.
CREATE TABLE channel_settings (
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    channel    varchar(16) NOT NULL,
    provider   varchar(16) NOT NULL,
    settings   text        NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT channel_settings_pk PRIMARY KEY (tenant_id, channel)
);

--changeset herald:001-sandbox-message
-- What EMAIL and PUSH would have sent when no provider is configured (local mode).
CREATE TABLE sandbox_message (
    id              uuid PRIMARY KEY,
    tenant_id       uuid         NOT NULL REFERENCES tenant (id),
    notification_id uuid         NOT NULL REFERENCES notification (id),
    channel         varchar(16)  NOT NULL,
    recipient       varchar(2000) NOT NULL,
    subject         text,
    body            text,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX sandbox_message_tenant_idx ON sandbox_message (tenant_id, created_at);
