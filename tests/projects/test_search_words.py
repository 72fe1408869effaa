"""The words of the lessons search: Chinese segmented by jieba, English lower-cased, queries as tsquery."""

from projects.search_words import MAX_QUERY_WORDS, document_words, query_terms, raw_tsquery

SENTENCE = "由于供应商延期交付，集成测试推迟了两周"


def test_a_chinese_sentence_is_cut_into_its_words_and_their_shorter_words():
    words = document_words(SENTENCE)
    assert {"供应商", "供应", "延期", "交付", "集成", "测试", "推迟"} <= set(words)
    assert "，" not in words and SENTENCE not in words


def test_english_words_are_lower_cased_and_cut_at_punctuation():
    assert document_words("Vendor DELAYED the v2.0 API-release") == [
        "vendor",
        "delayed",
        "the",
        "v2",
        "0",
        "api",
        "release",
    ]


def test_a_query_word_matches_itself_or_all_the_shorter_words_that_spell_it():
    assert raw_tsquery("供应商") == "'供应商':*"
    assert query_terms("中华人民共和国") == [["中华人民共和国", "中华", "人民", "共和国"]]
    assert raw_tsquery("中华人民共和国 delay") == (
        "('中华人民共和国':* | ('中华':* & '人民':* & '共和国':*)) & 'delay':*"
    )


def test_quotes_and_operators_in_a_query_are_not_tsquery_syntax():
    assert raw_tsquery("'; drop table -- & | ! :*") == "'drop':* & 'table':*"
    assert raw_tsquery("，。！ ") == ""


def test_a_long_query_is_bounded():
    assert len(query_terms(" ".join(f"word{number}" for number in range(100)))) == MAX_QUERY_WORDS
