package chatroom.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming rules and name identity. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Ünsal", "bob_2.0", "名前", "a", "7", "x-y", "...", "Zoë", "Δημήτρης", "Ａｌｉｃｅ",
            "e\u0301", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\uD840\uDC00"})
    void validNamesHaveNoProblem(String name) {
        assertNull(Names.problem(name, "user name"), name);
    }

    @Test
    void thirtyTwoCharactersOutsideTheBasicPlaneAreStillThirtyTwo() {
        String name = "\uD840\uDC00".repeat(32); // U+20000, a CJK ideograph, 2 UTF-16 units each
        assertEquals(64, name.length());
        assertNull(Names.problem(name, "user name"));
        assertNotNull(Names.problem(name + "\uD840\uDC00", "user name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"al ice", " alice", "alice ", "\u202E", "ali\u202Ece", "bob!", "a/b", "a@b", "😀", "a\u200Bb",
            "a\tb", "a\u0000b", "a\nb", "a\u00A0b", "a\u3000b", "<script>", "'--", "a,b"})
    void invalidNamesHaveAProblem(String name) {
        String problem = Names.problem(name, "user name");
        assertNotNull(problem, name);
        assertTrue(problem.startsWith("The user name"), problem);
        assertTrue(problem.endsWith("."), problem);
    }

    @Test
    void emptyAndMissingNamesHaveAProblem() {
        assertTrue(Names.problem("", "user name").contains("empty"));
        assertTrue(Names.problem(null, "user name").contains("empty"));
    }

    @Test
    void spacesAreCalledOut() {
        assertTrue(Names.problem("al ice", "user name").contains("no spaces"), Names.problem("al ice", "user name"));
    }

    @Test
    void thirtyThreeCharactersAreTooLong() {
        assertNull(Names.problem("a".repeat(32), "user name"));
        String problem = Names.problem("a".repeat(33), "user name");
        assertNotNull(problem);
        assertTrue(problem.contains("33") && problem.contains("32"), problem);
    }

    @Test
    void theLengthIsCountedAfterNormalisation() {
        // U+FB03 (ffi ligature) becomes three letters under NFKC.
        assertNull(Names.problem("\uFB03".repeat(10), "user name"));
        assertNotNull(Names.problem("\uFB03".repeat(11), "user name"));
    }

    @Test
    void theProblemNamesWhatWasChecked() {
        assertTrue(Names.problem("my room", "room name").startsWith("The room name"));
        assertTrue(Names.problem("", "room name").startsWith("The room name"));
    }

    @Test
    void keysIgnoreCaseAndWidth() {
        String key = Names.key("alice");
        assertEquals(key, Names.key("Alice"));
        assertEquals(key, Names.key("ALICE"));
        assertEquals(key, Names.key("Ａｌｉｃｅ"));
        assertEquals(key, Names.key("ａＬＩＣＥ"));
        assertNotEquals(key, Names.key("alicf"));
        assertNotEquals(key, Names.key("alice2"));
    }

    @Test
    void keysApplyFullCaseFolding() {
        assertEquals(Names.key("strasse"), Names.key("Straße"));
        assertEquals(Names.key("STRASSE"), Names.key("straße"));
        assertEquals(Names.key("σίσυφος"), Names.key("ΣΊΣΥΦΟΣ"));
    }

    @Test
    void keysIgnoreCompositionOfAccents() {
        assertEquals(Names.key("Ünsal"), Names.key("U\u0308nsal"));
        assertEquals(Names.key("Ünsal"), Names.key("ÜNSAL"));
        assertEquals(Names.key("Ünsal"), Names.key("u\u0308NSAL"));
        assertNotEquals(Names.key("Ünsal"), Names.key("Unsal"));
    }

    @Test
    void keysAreStableUnderRepetition() {
        for (String name : List.of("Alice", "Ａｌｉｃｅ", "Ünsal", "U\u0308nsal", "名前", "\uFB03", "ΣΊΣΥΦΟΣ", "İstanbul")) {
            assertEquals(Names.key(name), Names.key(Names.key(name)), name);
            assertEquals(Names.key(name), Names.key(Names.normalize(name)), name);
        }
    }

    @Test
    void keysDoNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        String rootKey = Names.key("ILIA");
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals(rootKey, Names.key("ILIA"));
            assertEquals("ilia", Names.key("ILIA"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void normalizeGivesTheDisplayForm() {
        assertEquals("Alice", Names.normalize("Ａｌｉｃｅ"));
        assertEquals("Ünsal", Names.normalize("U\u0308nsal"));
        assertEquals("bob_2.0", Names.normalize("bob_2.0"));
    }

    @Test
    void namesInScriptsThatNeedCombiningMarksAreAllowed() {
        assertNull(Names.problem("नमस्ते", "user name"));
        assertNull(Names.problem("สมชาย", "user name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0430lice", "alic\u0435", "p\u0430ypal", "\u03BFscar", "admin\u0456", "bob\u0661",
            "\u0410\u043B\u0435\u043A\u0441x"})
    void aNameMixingScriptsCannotPassForAnother(String name) {
        String problem = Names.problem(name, "user name");
        assertNotNull(problem, name);
        assertTrue(problem.contains("mixes letters of different scripts"), problem);
        assertTrue(problem.endsWith("write it in one script."), problem);
    }

    @Test
    void theMixSaysWhichScriptsItFound() {
        assertTrue(Names.problem("\u0430lice", "user name").contains("(Latin and Cyrillic)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0410\u043B\u0435\u043A\u0441\u0435\u0439", "田中さん", "タナカ_2", "김민수", "王小明",
            "Tanaka田中", "ㄅㄆ王", "kim김", "bob_2.0", "Ünsal-ß", "e\u0301e"})
    void oneScriptOrAnEastAsianMixWithLatinIsFine(String name) {
        assertNull(Names.problem(name, "user name"), name);
    }

    @Test
    void aNameCannotStartWithACombiningMark() {
        assertNotNull(Names.problem("\u0301abc", "user name"));
    }

    @org.junit.jupiter.api.Test
    void sameComparesNamesByTheirKeyAndNeverMatchesNull() {
        org.junit.jupiter.api.Assertions.assertTrue(Names.same("Straße", "STRASSE"));
        org.junit.jupiter.api.Assertions.assertFalse(Names.same("alice", "alicia"));
        org.junit.jupiter.api.Assertions.assertFalse(Names.same(null, "alice"));
        org.junit.jupiter.api.Assertions.assertFalse(Names.same("alice", null));
    }
}
