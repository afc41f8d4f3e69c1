package dev.bulwark.finetune;

/**
 * One labelled text to fine-tune on. {@code positive} is the detector's target: anything but benign for Prompt
 * Guard labels (benign / injection / jailbreak), unsafe for Llama Guard labels (safe / unsafe).
 *
 * @param group rows sharing a group are held out together (template variants, near-duplicates)
 * @param line the row's line in its file, for messages
 */
public record TrainingRow(String id, String text, String label, boolean positive, String source, String group, int line) {}
