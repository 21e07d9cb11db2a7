-- Chapter 8's users table. Spring Boot runs this on the embedded H2 database at startup; on
-- PostgreSQL, set spring.sql.init.mode=always to have it run there too.
CREATE TABLE IF NOT EXISTS users (
    email VARCHAR(255) PRIMARY KEY,
    name VARCHAR(255) NOT NULL
);
