class Setup {
    void Configure(UserManager manager) {
        // ruleid: csharp.weak-password-policy
        manager.PasswordValidator = new PasswordValidator
        {
            RequiredLength = 4,
        };
        // ok: csharp.weak-password-policy
        options.Password.RequiredLength = 12;
    }
}
