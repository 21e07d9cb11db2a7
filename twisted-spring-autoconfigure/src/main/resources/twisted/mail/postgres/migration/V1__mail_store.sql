-- twisted.mail.postgres: the mail store shared by every node. Kept by Flyway in its own history
-- table (twisted_mail_schema_history), apart from the application's migrations.

-- UIDVALIDITY of new folders: values only grow, starting from the time of the migration in
-- seconds, so a folder deleted and made again, or a database restored from an older dump and
-- migrated again, never repeats one a client may remember.
CREATE SEQUENCE twisted_mail_uidvalidity MAXVALUE 4294967295;
SELECT setval('twisted_mail_uidvalidity', floor(extract(epoch FROM clock_timestamp()))::bigint);

-- A mailbox is a user: what SMTP delivers to, POP3 opens and IMAP logs in to.
CREATE TABLE twisted_mail_mailboxes (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        varchar(64) NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A user's folders, INBOX among them. uidnext is taken with UPDATE ... RETURNING in the
-- transaction that inserts the message, so concurrent deliveries wait for each other's row lock
-- and get distinct, increasing UIDs. highestmodseq grows with every change of the folder
-- (CONDSTORE, RFC 7162).
CREATE TABLE twisted_mail_folders (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mailbox_id     integer NOT NULL REFERENCES twisted_mail_mailboxes (id) ON DELETE CASCADE,
    name           text NOT NULL,
    uidvalidity    bigint NOT NULL CHECK (uidvalidity BETWEEN 1 AND 4294967295),
    uidnext        bigint NOT NULL DEFAULT 1 CHECK (uidnext BETWEEN 1 AND 4294967296),
    highestmodseq  bigint NOT NULL DEFAULT 1,
    UNIQUE (mailbox_id, name)
);

-- The messages: the bytes as received (CR LF line endings), flags and keywords sorted, the
-- modification sequence of their last change, and whether a session has yet been given
-- \Recent for them.
CREATE TABLE twisted_mail_messages (
    folder_id      bigint NOT NULL REFERENCES twisted_mail_folders (id) ON DELETE CASCADE,
    uid            bigint NOT NULL CHECK (uid BETWEEN 1 AND 4294967295),
    internal_date  timestamptz NOT NULL,
    size           bigint NOT NULL,
    flags          text[] NOT NULL DEFAULT '{}',
    modseq         bigint NOT NULL,
    recent         boolean NOT NULL DEFAULT true,
    content        bytea NOT NULL,
    PRIMARY KEY (folder_id, uid)
);

-- IMAP subscriptions (LSUB): names, which may outlive their folders.
CREATE TABLE twisted_mail_subscriptions (
    mailbox_id  integer NOT NULL REFERENCES twisted_mail_mailboxes (id) ON DELETE CASCADE,
    name        text NOT NULL,
    PRIMARY KEY (mailbox_id, name)
);
