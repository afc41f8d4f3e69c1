// expect: secure
pub async fn by_email(pool: &PgPool, email: &str) -> sqlx::Result<User> {
    sqlx::query_as::<_, User>("SELECT * FROM users WHERE email = $1").bind(email).fetch_one(pool).await
}
