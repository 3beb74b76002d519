package org.calmdesk.emotion.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.Signal;
import org.junit.jupiter.api.Test;

class LexiconAnalyzerTest {

    private static final LexiconAnalyzer ANALYZER = new LexiconAnalyzer(Lexicons.defaults());

    private static EmotionAnalysis read(String text) {
        return ANALYZER.analyze(text);
    }

    @Test
    void negationFlipsSatisfactionInChineseAndEnglish() {
        assertEquals(EmotionLabel.SATISFIED, read("我很满意").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("我不太满意").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("我对结果不是很满意").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("没有帮助，不满意").label());
        assertEquals(EmotionLabel.SATISFIED, read("I am happy with it").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("I am not happy with it").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("I'm not very happy").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("It wasn't helpful").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("The agent was never helpful").label());
        assertTrue(read("我不满意").negativity() > 50);
        assertTrue(read("我满意").negativity() < 25);
    }

    @Test
    void aNegatedComplaintIsNotNegative() {
        assertEquals(EmotionLabel.SATISFIED, read("Not bad at all").label());
        assertEquals(EmotionLabel.SATISFIED, read("没问题，谢谢").label());
        assertFalse(read("我不生气").label().isNegative());
    }

    @Test
    void aNegatorReachesOnlyAFewCharactersOrWordsInTheSameClause() {
        // "not" is far from "happy" and in another clause: the happiness stands.
        assertEquals(EmotionLabel.SATISFIED, read("I did not expect much. In the end I am happy").label());
        assertEquals(EmotionLabel.SATISFIED, read("没想到，结果很满意").label());
    }

    @Test
    void intensifiersRaiseIntensityAndNegativity() {
        EmotionAnalysis plain = read("服务差");
        EmotionAnalysis strong = read("服务非常差");
        assertEquals(EmotionLabel.DISAPPOINTMENT, plain.label());
        assertTrue(strong.intensity() > plain.intensity(), strong + " vs " + plain);
        assertTrue(strong.negativity() > plain.negativity());
        assertTrue(read("I am extremely disappointed").intensity() > read("I am disappointed").intensity());
        assertTrue(read("太失望了").negativity() > read("有点失望").negativity());
    }

    @Test
    void exclamationRunsAndAllCapsHeatUpTheReading() {
        EmotionAnalysis calm = read("This is unacceptable.");
        EmotionAnalysis shouted = read("THIS IS UNACCEPTABLE!!!");
        assertEquals(EmotionLabel.ANGER, shouted.label());
        assertTrue(shouted.intensity() > calm.intensity());
        assertTrue(shouted.negativity() > calm.negativity());
        assertTrue(read("太差了！！！").negativity() > read("太差了").negativity());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("The box was damaged and I am a bit annoyed").label());
        assertEquals(EmotionLabel.ANGER, read("The box was DAMAGED and I am a bit ANNOYED!!!").label(),
                "shouting tips mixed negative feelings to anger");
    }

    @Test
    void signalsAreDetectedInBothLanguages() {
        assertEquals(Set.of(Signal.REGULATOR_THREAT), read("再不处理我就去银保监会投诉").signals());
        assertTrue(read("我要打12315").signals().contains(Signal.REGULATOR_THREAT));
        assertTrue(read("我要找消协").signals().contains(Signal.REGULATOR_THREAT));
        assertTrue(read("我要在网上曝光你们").signals().contains(Signal.MEDIA_THREAT));
        assertTrue(read("我会找媒体").signals().contains(Signal.MEDIA_THREAT));
        assertTrue(read("I will contact my lawyer").signals().contains(Signal.LEGAL_THREAT));
        assertTrue(read("我要起诉你们").signals().contains(Signal.LEGAL_THREAT));
        assertTrue(read("You are all idiots").signals().contains(Signal.ABUSE));
        assertTrue(read("你们这些废物").signals().contains(Signal.ABUSE));
        assertTrue(read("我已经打了五次电话").signals().contains(Signal.REPEAT_CONTACT));
        assertTrue(read("这是第三次了").signals().contains(Signal.REPEAT_CONTACT));
        assertTrue(read("I have called three times about this").signals().contains(Signal.REPEAT_CONTACT));
        assertTrue(read("Please fix it ASAP, it is urgent").signals().contains(Signal.URGENCY));
        assertTrue(read("请马上处理，很紧急").signals().contains(Signal.URGENCY));
        EmotionAnalysis abuse = read("你们这些废物，去死吧");
        assertEquals(EmotionLabel.ANGER, abuse.label());
        assertTrue(abuse.negativity() >= 70, abuse.toString());
    }

    @Test
    void repeatAndUrgencyAreNotReportedForASatisfiedCustomer() {
        EmotionAnalysis happy = read("Great service again, thank you, I will buy again");
        assertEquals(EmotionLabel.SATISFIED, happy.label());
        assertFalse(happy.signals().contains(Signal.REPEAT_CONTACT));
    }

    @Test
    void englishTermsMatchWholeWordsAndPrefixTermsAnyEnding() {
        assertEquals(EmotionLabel.NEUTRAL, read("I also asked about the madrid office").label(), "so/mad inside words do not count");
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("Very disappointing").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("I was disappointed").label());
        assertEquals(EmotionLabel.NEUTRAL, read("请问信用卡账单日是哪天").label());
        assertEquals(EmotionLabel.NEUTRAL, read("不好意思，我想改一下地址").label(), "a polite phrase is not a complaint");
    }

    @Test
    void fullWidthPunctuationAndDigitsAreNormalised() {
        assertTrue(read("我要打１２３１５").signals().contains(Signal.REGULATOR_THREAT));
        assertTrue(read("太差了！！！").intensity() > read("太差了").intensity());
    }

    @Test
    void aContrastMakesTheLaterClauseCount() {
        assertEquals(EmotionLabel.SATISFIED, read("Delivery was a bit slow, but the product is excellent").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, read("包装不错，但是质量很差").label());
    }

    @Test
    void aNeutralTextScoresTheMiddleLowAndTheResultIsWellFormed() {
        EmotionAnalysis neutral = read("Please send me a copy of my statement");
        assertEquals(EmotionLabel.NEUTRAL, neutral.label());
        assertEquals(0.0, neutral.intensity());
        assertEquals(25, neutral.negativity());
        assertEquals(LexiconAnalyzer.NAME, neutral.analyzer());
        for (String text : List.of("!!!!!!!!", "？？？", "a", "滚滚滚滚滚滚滚滚滚滚滚滚滚滚滚滚！！！！！", "NOT NOT NOT NOT")) {
            EmotionAnalysis a = read(text);
            assertTrue(a.intensity() >= 0 && a.intensity() <= 1 && a.negativity() >= 0 && a.negativity() <= 100, text);
        }
    }

    @Test
    void aClientExtensionAddsRemovesAndReweightsTerms() throws Exception {
        Lexicon extended = Lexicon.of(List.of(Lexicons.bundled(),
                Lexicon.parse(new StringReader("# client terms\n金管局\tREGULATOR_THREAT\t2\n好\tIGNORE\n"), "client.txt"),
                Lexicon.parseInline("掉链子|ANGER|2.5; wonky|DISAPPOINTMENT", "extraTerms")));
        LexiconAnalyzer client = new LexiconAnalyzer(extended);
        assertTrue(client.analyze("我要去金管局").signals().contains(Signal.REGULATOR_THREAT));
        assertFalse(ANALYZER.analyze("我要去金管局").signals().contains(Signal.REGULATOR_THREAT));
        assertEquals(EmotionLabel.ANGER, client.analyze("关键时刻又掉链子").label());
        assertEquals(EmotionLabel.DISAPPOINTMENT, client.analyze("the app is wonky").label());
        assertEquals(EmotionLabel.NEUTRAL, client.analyze("好").label());
        assertThrows(IllegalArgumentException.class, () -> Lexicon.parseInline("x|NOPE|1", "extraTerms"));
        assertThrows(IllegalArgumentException.class, () -> Lexicon.parseInline("x|ANGER|eleven", "extraTerms"));
        assertThrows(IllegalArgumentException.class, () -> Lexicon.parse(new StringReader("just-a-term\n"), "bad.txt"));
    }

    @Test
    void itIsFastEnoughForTheTicketRequestPath() {
        String text = "我已经第三次打电话了，你们的服务太差了！！再不解决我就去银保监会投诉，还要找媒体曝光。".repeat(20);
        for (int i = 0; i < 200; i++) {
            read(text);
        }
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            read(text);
        }
        double millis = (System.nanoTime() - started) / 1e6 / 200;
        assertTrue(millis < 5, "a 900-character text took " + millis + " ms");
    }
}
