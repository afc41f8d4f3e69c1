class Security {
    void configure(HttpSecurity http) throws Exception {
        // ruleid: java.csrf-disabled
        http.csrf().disable();
        // ruleid: java.csrf-disabled
        http.csrf(AbstractHttpConfigurer::disable);
        // ok: java.csrf-disabled
        http.csrf(c -> c.ignoringRequestMatchers("/api/**"));
    }
}
