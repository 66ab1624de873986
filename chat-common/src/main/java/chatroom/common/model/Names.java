package chatroom.common.model;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for user and room names: 1 to 32 characters after NFKC normalisation, each a letter,
 * a digit, {@code _}, {@code -} or {@code .}, or a combining mark after one of those, with all
 * letters and digits from one script (or one of the mixes Japanese, Chinese and Korean are written
 * in, with Latin). Two names are the same name when their {@linkplain #key keys} are equal (NFKC,
 * then case folded), so {@code Alice} and {@code ALICE} cannot both exist, and the one-script rule
 * keeps {@code аlice} (with a Cyrillic {@code а}) from passing for {@code alice}.
 */
public final class Names {
    /** The longest name, in characters (code points). */
    public static final int MAX_LENGTH = 32;

    /**
     * The mixes of scripts a name may use: Unicode's "highly restrictive" profile (UTS #39 §5.2),
     * since Japanese, Chinese and Korean names are written in several scripts at once.
     */
    private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private Names() {
    }

    /**
     * Returns null when {@code name} is a valid name, otherwise a sentence saying what is wrong.
     *
     * @param what "user name" or "room name", used in the sentence
     */
    public static String problem(String name, String what) {
        if (name == null || name.isEmpty()) return "The " + what + " is empty: choose 1 to " + MAX_LENGTH + " characters.";
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        int length = n.codePointCount(0, n.length());
        if (length > MAX_LENGTH) {
            return "The " + what + " is " + length + " characters long: the limit is " + MAX_LENGTH + ".";
        }
        // The scripts of the letters and digits; punctuation and combining marks belong to none.
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            // A combining mark may follow another character: many scripts (Devanagari, Thai, ...)
            // cannot write names without them.
            boolean mark = i > 0 && isMark(cp);
            if (!(mark || Character.isLetter(cp) || Character.isDigit(cp) || cp == '_' || cp == '-' || cp == '.')) {
                return "The " + what + " may only contain letters, digits, '_', '-' and '.'"
                        + (Character.isWhitespace(cp) ? " (no spaces)." : ".");
            }
            UnicodeScript script = UnicodeScript.of(cp);
            if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) scripts.add(script);
            i += Character.charCount(cp);
        }
        if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(mix -> mix.containsAll(scripts))) {
            String names = scripts.stream().map(Names::scriptName).collect(Collectors.joining(" and "));
            return "The " + what + " mixes letters of different scripts (" + names + "), which would let it pass for "
                    + "another name: write it in one script.";
        }
        return null;
    }

    private static String scriptName(UnicodeScript script) {
        String name = script.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** The display form of a valid name: its NFKC normalisation. */
    public static String normalize(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC);
    }

    /**
     * The identity of a name: NFKC, case folded, NFKC again (folding can denormalise). Folding
     * goes through upper case first so that full folds apply ({@code ß} and {@code ss} are the
     * same name).
     */
    public static String key(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String folded = n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** Whether two names belong to the same account ({@link #key} equality); false if either is null. */
    public static boolean same(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
    }
}
